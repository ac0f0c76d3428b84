import { readPath } from './applyUpdate'
import type { Doc, QuerySpec, Scalar, SortDirection } from './types'
import { assertField } from './where'

export type SortKey = readonly [field: string, direction: SortDirection]

/** The query's sort keys with `_id` appended as the final, unique tie-break (so cursors are stable). */
export function sortKeys(spec: QuerySpec): SortKey[] {
  const keys: SortKey[] = [...(spec.orderBy ?? []).filter(([f]) => f !== '_id'), ['_id', 'asc']]
  for (const [field] of keys) assertField(field)
  return keys
}

/** A page's cursor: the last document's sort values. Sort fields must be present scalars. */
export function cursorAfter(doc: Doc, keys: readonly SortKey[]): string {
  const values = keys.map(([field]) => {
    const value = field === '_id' ? doc._id : readPath(doc, field)
    if (value === undefined || value === null || typeof value === 'object') {
      throw new RangeError(`cannot page on ${field}: sort fields must be present scalars`)
    }
    return value as Scalar
  })
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url')
}

export function decodeCursor(cursor: string, keys: readonly SortKey[]): Scalar[] {
  let values: unknown
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  } catch {
    throw new RangeError('bad cursor')
  }
  if (!Array.isArray(values) || values.length !== keys.length) throw new RangeError('bad cursor')
  return values as Scalar[]
}
