import { COLLECTION_NAMES, COLLECTIONS } from '../../server/storage/collections'
import { cloudbaseIndexes } from '../../server/storage/cloudbaseIndexes'

describe('CloudBase index specs', () => {
  test('every declared index but a lone _id becomes one CloudBase index, keys in order, names unique', () => {
    for (const name of COLLECTION_NAMES) {
      const specs = cloudbaseIndexes(name)
      const declared = COLLECTIONS[name].filter((f: readonly string[]) => !(f.length === 1 && f[0] === '_id'))
      expect(specs.map((s) => s.MgoKeySchema.MgoIndexKeys.map((k) => k.Name))).toEqual(declared.map((f) => [...f]))
      expect(new Set(specs.map((s) => s.IndexName)).size).toBe(specs.length)
    }
    expect(cloudbaseIndexes('withdrawals')[0]).toEqual({
      IndexName: 'ix_scopeId_status_requestedAtMs',
      MgoKeySchema: {
        MgoIndexKeys: [
          { Name: 'scopeId', Direction: '1' },
          { Name: 'status', Direction: '1' },
          { Name: 'requestedAtMs', Direction: '1' },
        ],
        MgoIsUnique: false,
      },
    })
  })
})
