import { checkoutActions, type CaptureResult } from '../../server/services/checkout'
import { memberIdFor } from '../../server/services/ids'
import { refund } from '../../server/services/refunds'
import { backfillTotals } from '../../server/services/backfill'
import { periodKey, staffKey } from '../../server/services/contribution'
import { liabilitiesId } from '../../server/services/ledger'
import { adminActions } from '../../server/services/admin'
import { memberActions } from '../../server/services/memberActions'
import type { MemberDoc, PurchaseDoc, StoreStatsDoc } from '../../server/model'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { newCode, openStore, STAFF } from '../support/store'

// The running totals a settlement reads instead of the purchases (services/contribution.ts), the
// liabilities counter the dashboard reads instead of every account, and the backfill for older databases.
let h: Harness
beforeEach(() => {
  h = new Harness('2026-10-15T02:00:00Z')
})
// Every test ends with the invariant audit (which also recomputes the running totals).
afterEach(() => h.auditAndClose())

const Q = periodKey('2026Q4')

async function referredBuyer() {
  const { storeId, scopeId } = await openStore(h)
  await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 10_000)).token }, 'o_alice')
  const alice = (await h.storage.get<MemberDoc>('members', memberIdFor(nodeCrypto, scopeId, 'o_alice')))!
  const first = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: (await newCode(h, storeId, 50_000)).token, referralCode: alice.referralCode }, 'o_bob')
  h.advance(3_600_000)
  const second = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: (await newCode(h, storeId, 20_000)).token }, 'o_bob')
  return { storeId, scopeId, alice, bob: memberIdFor(nodeCrypto, scopeId, 'o_bob'), first, second }
}

test('a capture adds to the buyer’s period shares (and the part for the referrer) and to the store’s sales; a refund takes it back', async () => {
  const { storeId, alice, bob, first } = await referredBuyer()
  expect((await h.storage.get<MemberDoc>('members', alice._id))!.periodUnits).toEqual({ [Q]: { own: 10_000, forReferrer: 0 } })
  expect((await h.storage.get<MemberDoc>('members', bob))!.periodUnits).toEqual({ [Q]: { own: 70_000, forReferrer: 70_000 } })
  expect((await h.storage.get<StoreStatsDoc>('storeStats', storeId))!.periods).toEqual({ [Q]: { salesFen: 80_000, staff: { [staffKey(STAFF)]: 80_000 } } })

  await h.ok({ refund }, 'refund', { storeId, purchaseId: first.purchaseId, refundFen: 25_000, reason: '部分退款', requestId: 'refund-0001' }, OWNER)
  expect((await h.storage.get<MemberDoc>('members', bob))!.periodUnits).toEqual({ [Q]: { own: 45_000, forReferrer: 45_000 } })
  expect((await h.storage.get<StoreStatsDoc>('storeStats', storeId))!.periods?.[Q]?.salesFen).toBe(55_000)
  // The member's own screens read the same totals the settlement does.
  expect(await h.ok(memberActions, 'home', { storeId }, 'o_bob')).toMatchObject({ sharesUnits: 45_000, period: { ownUnits: 45_000, heldUnits: 0 } })
  expect(await h.ok(memberActions, 'home', { storeId }, 'o_alice')).toMatchObject({ period: { ownUnits: 10_000, referredUnits: 45_000 } })
  expect(await h.ok(memberActions, 'myReferees', { storeId }, 'o_alice')).toEqual([expect.objectContaining({ periodUnits: 45_000 })])
})

test('after the referral window, a referee’s purchase counts for them but not for the referrer', async () => {
  const { storeId, bob } = await referredBuyer()
  h.nowMs = Date.parse('2027-10-20T02:00:00Z') // past 365 days from the binding
  await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 30_000)).token }, 'o_bob')
  expect((await h.storage.get<MemberDoc>('members', bob))!.periodUnits?.[periodKey('2027Q4')]).toEqual({ own: 30_000, forReferrer: 0 })
})

test('the dashboard’s liabilities are the counter kept with every member balance', async () => {
  const { storeId, scopeId } = await openStore(h)
  expect(await h.ok(adminActions, 'dashboard', { storeId }, OWNER)).toMatchObject({ liabilitiesFen: 0 })
  await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 10_000)).token }, 'o_carol')
  const carol = memberIdFor(nodeCrypto, scopeId, 'o_carol')
  await h.ok(adminActions, 'adjustBalance', { storeId, memberId: carol, amountFen: 1_234, reason: '补偿', requestId: 'adj-00000001' }, OWNER)
  await h.ok(adminActions, 'adjustBalance', { storeId, memberId: carol, amountFen: -200, reason: '更正', requestId: 'adj-00000002' }, OWNER)
  expect(await h.storage.get('counters', liabilitiesId(scopeId))).toMatchObject({ fen: 1_034 })
  expect(await h.ok(adminActions, 'dashboard', { storeId }, OWNER)).toMatchObject({ liabilitiesFen: 1_034 })
})

test('the backfill gives a database from before the totals the same figures, once', async () => {
  const { storeId, scopeId, alice, bob } = await referredBuyer()
  const before = {
    alice: (await h.storage.get<MemberDoc>('members', alice._id))!.periodUnits,
    bob: (await h.storage.get<MemberDoc>('members', bob))!.periodUnits,
    store: (await h.storage.get<StoreStatsDoc>('storeStats', storeId))!.periods,
  }
  // What an older database looks like: no totals, no forReferrer, no liabilities counter.
  for (const id of [alice._id, bob]) await h.storage.update('members', id, { unset: ['periodUnits'] })
  const histogram = (await h.storage.get<StoreStatsDoc>('storeStats', storeId))!.histogram
  await h.storage.remove('storeStats', storeId)
  for (const p of (await h.storage.query<PurchaseDoc>('purchases', { where: { scopeId }, limit: 100 })).docs) {
    await h.storage.update('purchases', p._id, { unset: ['forReferrer'] })
  }
  await h.storage.remove('counters', liabilitiesId(scopeId))

  expect(await backfillTotals(h.context(null))).toBe(true)
  expect((await h.storage.get<MemberDoc>('members', alice._id))!.periodUnits).toEqual(before.alice)
  expect((await h.storage.get<MemberDoc>('members', bob))!.periodUnits).toEqual(before.bob)
  expect((await h.storage.get<StoreStatsDoc>('storeStats', storeId))!.periods).toEqual(before.store)
  // A store whose statistics document is missing gets one (a capture needs it), with an empty histogram.
  expect(histogram.count).toBe(3)
  expect((await h.storage.get<StoreStatsDoc>('storeStats', storeId))!.histogram.count).toBe(0)
  expect(await backfillTotals(h.context(null))).toBe(false)
})
