import { checkoutActions, type CaptureResult } from '../../server/services/checkout'
import { memberIdFor } from '../../server/services/ids'
import { refund } from '../../server/services/refunds'
import { commitSettlementFor, settlementActions } from '../../server/services/settlement'
import type { AccountDoc, LedgerDoc, SettlementDoc } from '../../server/model'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { newCode, openStore } from '../support/store'
import { testSeed } from '../support/seed'

const DAY = 86_400_000
let h: Harness
beforeEach(() => {
  h = new Harness('2026-10-15T02:00:00Z')
})
afterEach(() => h.auditAndClose())

async function quarterWithPurchases(openids: string[], amounts: number[]) {
  const { storeId, scopeId } = await openStore(h)
  const purchases: CaptureResult[] = []
  for (let i = 0; i < openids.length; i++) {
    purchases.push(await h.ok<CaptureResult>(checkoutActions, 'capture', { token: (await newCode(h, storeId, amounts[i]!)).token }, openids[i]!))
    h.advance(60 * 60_000)
  }
  return { storeId, scopeId, purchases }
}

const memberOf = (scopeId: string, openid: string) => memberIdFor(nodeCrypto, scopeId, openid)

describe('settlement (SPEC §5)', () => {
  test('declare → preview → commit pays exactly the snapshot, with reserve and digest', async () => {
    const { storeId, scopeId } = await quarterWithPurchases(['o_a', 'o_b', 'o_c'], [100_000, 50_000, 25_000])
    const input = { storeId, periodId: '2026Q4' }
    // Not yet due (the quarter ends 2027-01-01, + 7 days).
    h.nowMs = Date.parse('2027-01-03T00:00:00Z')
    expect(await h.call(settlementActions, 'declareProfit', { ...input, profitFen: 1_000_000 }, OWNER)).toMatchObject({ ok: true })
    expect(await h.call(settlementActions, 'previewSettlement', input, OWNER)).toMatchObject({ ok: false, code: 'conflict' })
    h.nowMs = Date.parse('2027-01-08T00:00:00Z')
    const preview = await h.ok<{ totals: { distributableFen: number; reserveInFen: number; membersPaid: number } }>(settlementActions, 'previewSettlement', input, OWNER)
    // pool 150,000; reserve 15,000; 135,000 split 4:2:1 → 77,143 / 38,571 / 19,286 (largest remainder).
    expect(preview.totals).toMatchObject({ distributableFen: 135_000, reserveInFen: 15_000, membersPaid: 3 })
    const rows = await h.ok<{ rows: { memberId: string; amountFen: number }[] }>(settlementActions, 'settlementRows', input, OWNER)
    const byMember = Object.fromEntries(rows.rows.map((r) => [r.memberId, r.amountFen]))
    expect(byMember).toEqual({ [memberOf(scopeId, 'o_a')]: 77_143, [memberOf(scopeId, 'o_b')]: 38_571, [memberOf(scopeId, 'o_c')]: 19_286 })

    const done = await h.ok<{ status: string; digest: string }>(settlementActions, 'commitSettlement', input, OWNER)
    expect(done.status).toBe('settled')
    expect(done.digest).toMatch(/^[0-9a-f]{64}$/)
    for (const [memberId, amount] of Object.entries(byMember)) {
      expect(await h.storage.get<AccountDoc>('accounts', memberId)).toMatchObject({ availableFen: amount })
      expect(await h.storage.get<LedgerDoc>('ledger', `div:${scopeId}:2026Q4:${memberId}`)).toMatchObject({ kind: 'dividend', amountFen: amount })
    }
    expect(await h.storage.get<AccountDoc>('accounts', `reserve:${scopeId}`)).toMatchObject({ availableFen: 15_000 })
    // Committing again changes nothing; declaring again is refused.
    const census = await h.census()
    expect(await h.ok(settlementActions, 'commitSettlement', input, OWNER)).toMatchObject({ status: 'settled', digest: done.digest })
    expect(await h.census()).toEqual(census)
    expect(await h.call(settlementActions, 'declareProfit', { ...input, profitFen: 1 }, OWNER)).toMatchObject({ ok: false, code: 'conflict' })
  })

  test('without a declared profit nothing is previewed; a new declaration makes a preview stale', async () => {
    const { storeId } = await quarterWithPurchases(['o_a'], [10_000])
    const input = { storeId, periodId: '2026Q4' }
    h.nowMs = Date.parse('2027-01-08T00:00:00Z')
    expect(await h.call(settlementActions, 'previewSettlement', input, OWNER)).toMatchObject({ ok: false, code: 'conflict' })
    await h.ok(settlementActions, 'declareProfit', { ...input, profitFen: 1_000 }, OWNER)
    await h.ok(settlementActions, 'previewSettlement', input, OWNER)
    await h.ok(settlementActions, 'declareProfit', { ...input, profitFen: 2_000 }, OWNER)
    expect(await h.call(settlementActions, 'commitSettlement', input, OWNER)).toMatchObject({ ok: false, code: 'conflict' })
    await h.ok(settlementActions, 'previewSettlement', input, OWNER)
    expect(await h.ok(settlementActions, 'commitSettlement', input, OWNER)).toMatchObject({ status: 'settled' })
  })

  test('a commit killed after any batch and run again ends exactly as an uninterrupted one', async () => {
    const seed = testSeed('settlement crash points')
    let state = seed >>> 0
    const random = (n: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0
      return state % n
    }
    const openids = Array.from({ length: 23 }, (_, i) => `o_member_${i}`)
    const { storeId, scopeId } = await quarterWithPurchases(openids, openids.map((_, i) => 1_000 + i * 137))
    h.nowMs = Date.parse('2027-01-08T00:00:00Z')
    await h.ok(settlementActions, 'declareProfit', { storeId, periodId: '2026Q4', profitFen: 777_777 }, OWNER)
    await h.ok(settlementActions, 'previewSettlement', { storeId, periodId: '2026Q4' }, OWNER)
    const snapshot = (await h.storage.get<SettlementDoc>('settlements', `${scopeId}:2026Q4`))!
    // Batches of 2 rows: 12 member batches + the final step. Crash at random points until it completes.
    let crashes = 0
    for (;;) {
      try {
        const r = await commitSettlementFor(h.context(OWNER), scopeId, '2026Q4', { batchRows: 2, budgetMs: 60_000, crashAfterBatches: random(4) })
        if (r.status === 'settled') break
      } catch (err) {
        expect(String(err)).toMatch(/simulated crash/)
        crashes++
      }
    }
    expect(crashes).toBeGreaterThan(0)
    const settled = (await h.storage.get<SettlementDoc>('settlements', `${scopeId}:2026Q4`))!
    expect(settled.digest).toBe(snapshot.snapshotDigest)
    let paid = 0
    for (const openid of openids) paid += (await h.storage.get<AccountDoc>('accounts', memberOf(scopeId, openid)))!.availableFen
    expect(paid).toBe(snapshot.totals.memberPaidFen)
    expect(await h.storage.count('ledger', { kind: 'dividend' })).toBe(snapshot.totals.membersPaid)
  })

  test('a refund after settlement claws back from the balance, which may go negative', async () => {
    const { storeId, scopeId, purchases } = await quarterWithPurchases(['o_a', 'o_b'], [100_000, 100_000])
    h.nowMs = Date.parse('2027-01-08T00:00:00Z')
    await h.ok(settlementActions, 'declareProfit', { storeId, periodId: '2026Q4', profitFen: 1_000_000 }, OWNER)
    await h.ok(settlementActions, 'previewSettlement', { storeId, periodId: '2026Q4' }, OWNER)
    await h.ok(settlementActions, 'commitSettlement', { storeId, periodId: '2026Q4' }, OWNER)
    const a = memberOf(scopeId, 'o_a')
    expect((await h.storage.get<AccountDoc>('accounts', a))!.availableFen).toBe(67_500)
    // Full refund of A's ¥1,000 purchase: all 100 股 of A's index → the whole dividend comes back.
    const r = await h.ok(
      { refund },
      'refund',
      { storeId, purchaseId: purchases[0]!.purchaseId, refundFen: 100_000, reason: '整单退款', requestId: 'req-refund-100' },
      OWNER,
    )
    expect(r).toMatchObject({ clawbackFen: 67_500 })
    expect((await h.storage.get<AccountDoc>('accounts', a))!.availableFen).toBe(0)
    // B is untouched.
    expect((await h.storage.get<AccountDoc>('accounts', memberOf(scopeId, 'o_b')))!.availableFen).toBe(67_500)
  })

  test('only the owner settles', async () => {
    const { storeId } = await quarterWithPurchases(['o_a'], [10_000])
    h.nowMs += 100 * DAY
    for (const who of ['o_staff_1', 'o_a', null]) {
      const r = await h.call(settlementActions, 'declareProfit', { storeId, periodId: '2026Q4', profitFen: 1 }, who)
      expect(r).toMatchObject({ ok: false })
    }
  })
})
