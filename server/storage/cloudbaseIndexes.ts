import { COLLECTIONS, type CollectionName } from './collections'

export interface CloudBaseIndexSpec {
  readonly IndexName: string
  readonly MgoKeySchema: { readonly MgoIndexKeys: { Name: string; Direction: '1' }[]; readonly MgoIsUnique: false }
}

/**
 * The indexes of collections.ts in @cloudbase/manager-node's shape. `_id` is always indexed by CloudBase,
 * so an index whose only key is `_id` is dropped; `_id` after other keys stays (it orders pages).
 */
export function cloudbaseIndexes(name: CollectionName): CloudBaseIndexSpec[] {
  return COLLECTIONS[name]
    .map((fields): readonly string[] => fields)
    .filter((fields) => !(fields.length === 1 && fields[0] === '_id'))
    .map((fields) => ({
      IndexName: `ix_${fields.join('_').replace(/\./g, '_')}`,
      MgoKeySchema: { MgoIndexKeys: fields.map((Name) => ({ Name, Direction: '1' as const })), MgoIsUnique: false as const },
    }))
}
