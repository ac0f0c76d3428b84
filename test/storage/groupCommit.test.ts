/**
 * Group commit in the SQLite adapter: concurrent writes share a COMMIT, but each keeps its own atomicity —
 * a failing transaction in a group (first or later) leaves no trace, and the others all land.
 */
import { SqliteStorage } from '../../server/storage/sqliteStorage'

interface Counter {
  readonly _id: string
  readonly n: number
}

test('concurrent transactions: the failing ones write nothing, the rest all land', async () => {
  const storage = new SqliteStorage({ file: ':memory:' })
  await storage.create<Counter>('counters', { _id: 'total', n: 0 })
  const results = await Promise.allSettled(
    Array.from({ length: 30 }, (_, i) =>
      storage.transaction(async (tx) => {
        const total = (await tx.get<Counter>('counters', 'total'))!
        await tx.set<Counter>('counters', { _id: `item${i}`, n: i })
        await tx.set<Counter>('counters', { ...total, n: total.n + 1 })
        if (i % 3 === 0) throw new Error(`refused ${i}`)
        return i
      }),
    ),
  )
  const ok = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value)
  expect(ok.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i).filter((i) => i % 3 !== 0))
  expect((await storage.get<Counter>('counters', 'total'))!.n).toBe(20)
  for (let i = 0; i < 30; i++) expect((await storage.get<Counter>('counters', `item${i}`)) !== null).toBe(i % 3 !== 0)
  // Single-document writes outside transactions join groups too, and conditional updates stay exact.
  const updates = await Promise.all(Array.from({ length: 50 }, () => storage.update('counters', 'total', { inc: { n: -1 } }, { n: { gte: 1 } })))
  expect(updates.filter(Boolean)).toHaveLength(20)
  expect((await storage.get<Counter>('counters', 'total'))!.n).toBe(0)
  await storage.close()
})
