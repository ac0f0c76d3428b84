import { NotFoundInTransaction, type Doc, type Storage } from '../../server/storage/types'

interface Thing extends Doc {
  scopeId: string
  n: number
  tag?: string | null
  flag?: boolean
  nested?: { a?: number; b?: string }
  list?: number[]
}

/**
 * The storage contract: every adapter must pass these same cases. `make` returns a fresh, empty storage.
 * Collections used are ordinary ones (`audit`, `accounts`, `ledger`): the contract is about behaviour.
 */
export function storageContract(make: () => Promise<Storage>): void {
  let s: Storage
  beforeEach(async () => {
    s = await make()
  })
  afterEach(async () => {
    await s.close()
  })

  const thing = (id: string, over: Partial<Thing> = {}): Thing => ({ _id: id, scopeId: 'sc1', n: 0, ...over })

  describe('documents by id', () => {
    test('create then get returns the document as written', async () => {
      const doc = thing('a', { n: 5, tag: '张三', flag: true, nested: { a: 1, b: 'x' }, list: [1, 2] })
      expect(await s.create('audit', doc)).toBe('created')
      expect(await s.get('audit', 'a')).toEqual(doc)
    })

    test('a duplicate id is "exists" and leaves the first document untouched', async () => {
      await s.create('audit', thing('a', { n: 1 }))
      expect(await s.create('audit', thing('a', { n: 2 }))).toBe('exists')
      expect((await s.get<Thing>('audit', 'a'))?.n).toBe(1)
    })

    test('missing documents', async () => {
      expect(await s.get('audit', 'nope')).toBeNull()
      expect(await s.update('audit', 'nope', { set: { n: 1 } })).toBe(false)
      expect(await s.remove('audit', 'nope')).toBe(false)
    })

    test('collections are separate', async () => {
      await s.create('audit', thing('a'))
      expect(await s.get('ledger', 'a')).toBeNull()
    })

    test('getMany returns those that exist', async () => {
      for (const id of ['a', 'b', 'c']) await s.create('audit', thing(id))
      const got = await s.getMany<Thing>('audit', ['c', 'x', 'a'])
      expect(got.map((d) => d._id).sort()).toEqual(['a', 'c'])
    })

    test('remove', async () => {
      await s.create('audit', thing('a'))
      expect(await s.remove('audit', 'a')).toBe(true)
      expect(await s.get('audit', 'a')).toBeNull()
    })
  })

  describe('conditional update', () => {
    test('set, inc and unset, with dotted paths', async () => {
      await s.create('audit', thing('a', { n: 10, tag: 't', nested: { a: 1 } }))
      expect(await s.update('audit', 'a', { set: { 'nested.b': 'y', flag: false }, inc: { n: -3, 'nested.a': 2 }, unset: ['tag'] })).toBe(true)
      expect(await s.get('audit', 'a')).toEqual({ _id: 'a', scopeId: 'sc1', n: 7, flag: false, nested: { a: 3, b: 'y' } })
    })

    test('inc on a missing field starts from 0; set creates missing parents', async () => {
      await s.create('audit', thing('a'))
      await s.update('audit', 'a', { inc: { 'stats.count': 2 }, set: { 'deep.er.value': 'v' } })
      expect(await s.get('audit', 'a')).toMatchObject({ stats: { count: 2 }, deep: { er: { value: 'v' } } })
    })

    test.each([
      ['equality', { tag: 'open' }, true],
      ['equality fails', { tag: 'closed' }, false],
      ['gte holds', { n: { gte: 100 } }, true],
      ['gte fails', { n: { gte: 101 } }, false],
      ['range', { n: { gt: 99, lt: 101 } }, true],
      ['in', { tag: { in: ['x', 'open'] } }, true],
      ['not in', { tag: { in: ['x', 'y'] } }, false],
      ['ne', { tag: { ne: 'closed' } }, true],
      ['ne on a missing field holds', { missing: { ne: 'x' } }, true],
      ['null matches a missing field', { missing: null }, true],
      ['null does not match a present one', { tag: null }, false],
      ['boolean', { flag: true }, true],
      ['boolean fails', { flag: false }, false],
      ['dotted', { 'nested.a': 1 }, true],
      ['all must hold', { tag: 'open', n: { lt: 100 } }, false],
    ] as const)('where: %s', async (_name, where, applies) => {
      await s.create('audit', thing('a', { n: 100, tag: 'open', flag: true, nested: { a: 1 } }))
      expect(await s.update('audit', 'a', { inc: { n: 1 } }, where)).toBe(applies)
      expect((await s.get<Thing>('audit', 'a'))?.n).toBe(applies ? 101 : 100)
    })

    test('_id cannot be changed, and a field cannot be touched twice in one update', async () => {
      await s.create('audit', thing('a'))
      await expect(s.update('audit', 'a', { set: { _id: 'b' } })).rejects.toThrow()
      await expect(s.update('audit', 'a', { set: { n: 1 }, inc: { n: 1 } })).rejects.toThrow()
      expect(await s.get('audit', 'a')).toEqual(thing('a'))
    })

    test('concurrent conditional debits never overdraw', async () => {
      await s.create('accounts', { _id: 'acc', scopeId: 'sc1', availableFen: 100 })
      const results = await Promise.all(
        Array.from({ length: 25 }, () => s.update('accounts', 'acc', { inc: { availableFen: -10 } }, { availableFen: { gte: 10 } })),
      )
      expect(results.filter(Boolean)).toHaveLength(10)
      expect(await s.get('accounts', 'acc')).toMatchObject({ availableFen: 0 })
    })
  })

  describe('queries', () => {
    const seed = async (count: number) => {
      for (let i = 0; i < count; i++) {
        await s.create('ledger', {
          _id: `e${String(i).padStart(5, '0')}`,
          scopeId: i % 3 === 0 ? 'sc2' : 'sc1',
          accountId: `acc${i % 7}`,
          createdAtMs: 1000 + (i % 50),
          amountFen: i,
        })
      }
    }

    test('filter, order and limit', async () => {
      await seed(60)
      const page = await s.query<Doc & { createdAtMs: number; amountFen: number }>('ledger', {
        where: { scopeId: 'sc1', amountFen: { gte: 10 } },
        orderBy: [['createdAtMs', 'desc']],
        limit: 5,
      })
      expect(page.docs).toHaveLength(5)
      const times = page.docs.map((d) => d.createdAtMs)
      expect([...times].sort((a, b) => b - a)).toEqual(times)
      expect(page.docs.every((d) => d.amountFen >= 10 && d.amountFen % 3 !== 0)).toBe(true)
      expect(page.next).not.toBeNull()
    })

    test('paging with the cursor visits every match exactly once, in order, past 1000 documents', async () => {
      await seed(2_345)
      const seen: string[] = []
      let after: string | undefined
      let pages = 0
      do {
        const page = await s.query<Doc & { createdAtMs: number }>('ledger', {
          where: { scopeId: 'sc1' },
          orderBy: [['createdAtMs', 'asc']],
          limit: 1000,
          after,
        })
        seen.push(...page.docs.map((d) => `${d.createdAtMs}:${d._id}`))
        after = page.next ?? undefined
        pages++
      } while (after)
      const expected = await s.count('ledger', { scopeId: 'sc1' })
      expect(seen).toHaveLength(expected)
      expect(new Set(seen).size).toBe(expected)
      expect([...seen].sort()).toEqual(seen)
      expect(pages).toBe(Math.ceil(expected / 1000))
    })

    test('a page never holds more than 1000 documents', async () => {
      await seed(1_200)
      const page = await s.query('ledger', { where: {}, limit: 5_000 })
      expect(page.docs).toHaveLength(1000)
    })

    test('count', async () => {
      await seed(30)
      expect(await s.count('ledger', { scopeId: 'sc2' })).toBe(10)
      // i % 7 ∈ {0, 1} for i < 30: 0, 7, 14, 21, 28 and 1, 8, 15, 22, 29.
      expect(await s.count('ledger', { accountId: { in: ['acc0', 'acc1'] } })).toBe(10)
    })
  })

  describe('transactions', () => {
    test('commit writes every document together', async () => {
      await s.create('accounts', { _id: 'acc', scopeId: 'sc1', availableFen: 0 })
      await s.transaction(async (tx) => {
        await tx.update('accounts', 'acc', { inc: { availableFen: 500 } })
        expect(await tx.create('ledger', { _id: 'div:1', accountId: 'acc', amountFen: 500 })).toBe('created')
      })
      expect(await s.get('accounts', 'acc')).toMatchObject({ availableFen: 500 })
      expect(await s.get('ledger', 'div:1')).toMatchObject({ amountFen: 500 })
    })

    test('increments inside: whole numbers, a missing field from 0, fractions exactly as JS adds them; wrong types and missing documents refused', async () => {
      await s.create('accounts', { _id: 'acc', scopeId: 'sc1', availableFen: 7, heldFen: 0.5, label: 'x' })
      await s.transaction(async (tx) => {
        await tx.update('accounts', 'acc', { inc: { availableFen: 5, frozenFen: 3 } })
        await tx.update('accounts', 'acc', { inc: { heldFen: 0.25 } })
        expect(await tx.get('accounts', 'acc')).toMatchObject({ availableFen: 12, frozenFen: 3, heldFen: 0.75 })
        await tx.update('accounts', 'acc', { inc: { availableFen: -20 } })
      })
      expect(await s.get('accounts', 'acc')).toEqual({ _id: 'acc', scopeId: 'sc1', availableFen: -8, heldFen: 0.75, frozenFen: 3, label: 'x' })
      await expect(s.transaction((tx) => tx.update('accounts', 'acc', { inc: { label: 1 } }))).rejects.toThrow(RangeError)
      await expect(s.transaction((tx) => tx.update('accounts', 'acc', { inc: { _id: 1 } }))).rejects.toThrow(RangeError)
      await expect(s.transaction((tx) => tx.update('accounts', 'nobody', { inc: { availableFen: 1 } }))).rejects.toThrow(NotFoundInTransaction)
      expect(await s.get('accounts', 'acc')).toMatchObject({ availableFen: -8, label: 'x' })
    })

    test('a throw rolls everything back', async () => {
      await s.create('accounts', { _id: 'acc', scopeId: 'sc1', availableFen: 0 })
      await expect(
        s.transaction(async (tx) => {
          await tx.update('accounts', 'acc', { inc: { availableFen: 500 } })
          await tx.create('ledger', { _id: 'div:1', amountFen: 500 })
          throw new Error('boom')
        }),
      ).rejects.toThrow('boom')
      expect(await s.get('accounts', 'acc')).toMatchObject({ availableFen: 0 })
      expect(await s.get('ledger', 'div:1')).toBeNull()
    })

    test('reads inside see the transaction’s own writes; set replaces; remove deletes', async () => {
      await s.create('audit', thing('a', { n: 1, tag: 'x' }))
      const seen = await s.transaction(async (tx) => {
        await tx.set('audit', thing('a', { n: 2 }))
        const afterSet = await tx.get<Thing>('audit', 'a')
        await tx.set('audit', thing('b', { n: 3 }))
        await tx.remove('audit', 'a')
        return { afterSet, afterRemove: await tx.get('audit', 'a') }
      })
      expect(seen.afterSet).toEqual(thing('a', { n: 2 }))
      expect(seen.afterRemove).toBeNull()
      expect(await s.get('audit', 'b')).toEqual(thing('b', { n: 3 }))
    })

    test('updating a missing document inside fails the whole transaction', async () => {
      await expect(
        s.transaction(async (tx) => {
          await tx.create('ledger', { _id: 'x1' })
          await tx.update('accounts', 'missing', { inc: { availableFen: 1 } })
        }),
      ).rejects.toBeInstanceOf(NotFoundInTransaction)
      expect(await s.get('ledger', 'x1')).toBeNull()
    })

    test('create inside reports an existing id without failing', async () => {
      await s.create('ledger', { _id: 'k', v: 1 })
      const r = await s.transaction(async (tx) => tx.create('ledger', { _id: 'k', v: 2 }))
      expect(r).toBe('exists')
      expect(await s.get('ledger', 'k')).toEqual({ _id: 'k', v: 1 })
    })

    test('concurrent read-modify-write transactions do not lose updates', async () => {
      await s.create('accounts', { _id: 'acc', scopeId: 'sc1', availableFen: 0 })
      await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          s.transaction(async (tx) => {
            const acc = await tx.get<Doc & { availableFen: number }>('accounts', 'acc')
            await tx.set('accounts', { ...(acc as Doc & { availableFen: number }), availableFen: (acc?.availableFen ?? 0) + 1 })
            await tx.create('ledger', { _id: `t${i}`, amountFen: 1 })
          }),
        ),
      )
      expect(await s.get('accounts', 'acc')).toMatchObject({ availableFen: 30 })
      expect(await s.count('ledger', {})).toBe(30)
    })
  })
}
