import { checkoutActions } from '../../server/services/checkout'
import { auditInvariants } from '../../server/services/auditInvariants'
import { commitSettlementFor, settlementActions } from '../../server/services/settlement'
import { CountingStorage, InjectedFault } from '../../server/storage/countingStorage'
import type { AccountDoc, SettlementDoc, SnapshotChunkDoc } from '../../server/model'
import { Harness, OWNER } from '../support/harness'
import { newCode, openStore } from '../support/store'
import { seededRandom } from './seeded'

jest.setTimeout(120_000)

test('a settlement killed at 50+ random write points and re-run ends with the uninterrupted digest', async () => {
  const rnd = seededRandom('settlement killed at write points')
  let counting!: CountingStorage
  const h = new Harness('2026-10-15T02:00:00Z', { rehearse: false, wrap: (s) => (counting = new CountingStorage(s)) })
  const { storeId, scopeId } = await openStore(h)
  for (let i = 0; i < 80; i++) {
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 1_000 + rnd.int(40_000))).token }, `o_member_${i % 57}`)
    h.advance(3_600_000)
  }
  h.nowMs = Date.parse('2027-01-08T00:00:00Z')
  await h.ok(settlementActions, 'declareProfit', { storeId, periodId: '2026Q4', profitFen: 5_000_000 }, OWNER)
  await h.ok(settlementActions, 'previewSettlement', { storeId, periodId: '2026Q4' }, OWNER)
  const id = `${scopeId}:2026Q4`
  const snapshot = (await h.storage.get<SettlementDoc>('settlements', id))!

  let kills = 0
  // One-row batches write 3 documents (entry, account, cursor). Every attempt dies at a random write
  // within its next few batches — inside a transaction or between them — yet moves on when the fault
  // lands after a batch has committed.
  for (let attempt = 0; attempt < 10_000; attempt++) {
    counting.failAtWrite(1 + rnd.int(8))
    try {
      const progress = await commitSettlementFor(h.context(OWNER), scopeId, '2026Q4', { batchRows: 1, budgetMs: 60_000 })
      counting.failAtWrite(null)
      if (progress.status === 'settled') break
    } catch (err) {
      expect(err).toBeInstanceOf(InjectedFault)
      kills++
    }
  }
  counting.failAtWrite(null)
  expect(kills).toBeGreaterThanOrEqual(50)
  const settled = (await h.storage.get<SettlementDoc>('settlements', id))!
  expect(settled.status).toBe('settled')
  expect(settled.digest).toBe(snapshot.snapshotDigest)
  // Every member holds exactly their snapshot amount; the reserve exactly reserveIn.
  const rows = (await h.storage.get<SnapshotChunkDoc>('snapshotChunks', `${id}:0`))!.rows
  for (const row of rows) expect((await h.storage.get<AccountDoc>('accounts', row.memberId))!.availableFen).toBe(row.amountFen)
  expect((await h.storage.get<AccountDoc>('accounts', `reserve:${scopeId}`))!.availableFen).toBe(snapshot.totals.reserveInFen)
  expect((await auditInvariants(h.context(null))).breaches).toEqual([])
  await h.close()
})
