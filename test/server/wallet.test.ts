import { checkoutActions } from '../../server/services/checkout'
import { memberIdFor } from '../../server/services/ids'
import { walletActions, withdrawalAdminActions } from '../../server/services/wallet'
import type { AccountDoc } from '../../server/model'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { credit, newCode, openStore } from '../support/store'

const A = 'o_alice'
let h: Harness
let storeId: string
let memberId: string

beforeEach(async () => {
  h = new Harness()
  const s = await openStore(h)
  storeId = s.storeId
  await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, A)
  memberId = memberIdFor(nodeCrypto, s.scopeId, A)
  await credit(h, memberId, 20_000)
})
afterEach(() => h.auditAndClose())

const balances = async () => {
  const a = (await h.storage.get<AccountDoc>('accounts', memberId))!
  return { availableFen: a.availableFen, heldFen: a.heldFen, frozenFen: a.frozenFen }
}
type W = { withdrawalId: string; status: string; feeFen: number; netFen: number }

describe('withdrawals (SPEC §7)', () => {
  test('request holds at once; a retry with the same request id is the same withdrawal', async () => {
    const w = await h.ok<W>(walletActions, 'requestWithdrawal', { storeId, amountFen: 5_000, requestId: 'wreq-0001' }, A)
    expect(w).toMatchObject({ status: 'pending', feeFen: 0, netFen: 5_000 })
    expect(await balances()).toEqual({ availableFen: 15_000, heldFen: 5_000, frozenFen: 0 })
    expect(await h.ok(walletActions, 'requestWithdrawal', { storeId, amountFen: 5_000, requestId: 'wreq-0001' }, A)).toEqual(w)
    expect(await balances()).toEqual({ availableFen: 15_000, heldFen: 5_000, frozenFen: 0 })
    expect(await h.call(walletActions, 'requestWithdrawal', { storeId, amountFen: 6_000, requestId: 'wreq-0001' }, A)).toMatchObject({ ok: false, code: 'conflict' })
  })

  test.each([
    [999, 'withdrawal_below_min'],
    [20_001, 'withdrawal_insufficient_balance'],
  ])('%d fen → %s, nothing written', async (amountFen, code) => {
    const before = await h.census()
    expect(await h.call(walletActions, 'requestWithdrawal', { storeId, amountFen, requestId: 'wreq-0002' }, A)).toMatchObject({ ok: false, code })
    expect(await h.census()).toEqual(before)
  })

  test('the daily limit counts requests not rejected or cancelled', async () => {
    await credit(h, memberId, 1_000_000)
    const first = await h.ok<W>(walletActions, 'requestWithdrawal', { storeId, amountFen: 300_000, requestId: 'wreq-0003' }, A)
    expect(await h.call(walletActions, 'requestWithdrawal', { storeId, amountFen: 200_001, requestId: 'wreq-0004' }, A)).toMatchObject({ ok: false, code: 'withdrawal_daily_limit' })
    await h.ok(walletActions, 'cancelWithdrawal', { storeId, withdrawalId: first.withdrawalId }, A)
    expect(await h.ok(walletActions, 'requestWithdrawal', { storeId, amountFen: 500_000, requestId: 'wreq-0005' }, A)).toMatchObject({ status: 'pending' })
    // A new Shanghai day starts a new limit.
    h.advance(24 * 3600_000)
    expect(await h.ok(walletActions, 'requestWithdrawal', { storeId, amountFen: 1_000, requestId: 'wreq-0006' }, A)).toMatchObject({ status: 'pending' })
  })

  test('owner approves and marks paid: held leaves the account; the fee is kept by the store', async () => {
    const w = await h.ok<W>(walletActions, 'requestWithdrawal', { storeId, amountFen: 5_000, requestId: 'wreq-0007' }, A)
    const queue = await h.ok<W[]>(withdrawalAdminActions, 'withdrawalQueue', { storeId }, OWNER)
    expect(queue.map((q) => q.withdrawalId)).toEqual([w.withdrawalId])
    await h.ok(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'approve' }, OWNER)
    const paid = await h.ok<W>(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'markPaid', note: '微信转账' }, OWNER)
    expect(paid.status).toBe('paid')
    expect(await balances()).toEqual({ availableFen: 15_000, heldFen: 0, frozenFen: 0 })
    expect(await h.call(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'approve' }, OWNER)).toMatchObject({
      ok: false,
      code: 'withdrawal_wrong_state',
    })
  })

  test('reject needs a reason and releases the hold; members cannot review; managers only when allowed', async () => {
    const w = await h.ok<W>(walletActions, 'requestWithdrawal', { storeId, amountFen: 5_000, requestId: 'wreq-0008' }, A)
    expect(await h.call(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'reject', reason: ' ' }, OWNER)).toMatchObject({
      ok: false,
      code: 'invalid_input',
    })
    expect(await h.call(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'approve' }, A)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await h.call(withdrawalAdminActions, 'withdrawalQueue', { storeId }, 'o_staff_1')).toMatchObject({ ok: false, code: 'forbidden' })
    await h.ok(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'reject', reason: '账户信息不符' }, OWNER)
    expect(await balances()).toEqual({ availableFen: 20_000, heldFen: 0, frozenFen: 0 })
    const mine = await h.ok<{ withdrawals: (W & { reason: string })[] }>(walletActions, 'myWithdrawals', { storeId }, A)
    expect(mine.withdrawals[0]).toMatchObject({ status: 'rejected', reason: '账户信息不符' })
  })

  test('concurrent requests never overdraw the balance', async () => {
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => h.call(walletActions, 'requestWithdrawal', { storeId, amountFen: 1_000, requestId: `wreq-c${String(i).padStart(4, '0')}` }, A)),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(20)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'withdrawal_insufficient_balance')).toBe(true)
    expect(await balances()).toEqual({ availableFen: 0, heldFen: 20_000, frozenFen: 0 })
  })

  test('the ledger lists the member’s entries, newest first', async () => {
    h.advance(60_000)
    await h.ok(walletActions, 'requestWithdrawal', { storeId, amountFen: 5_000, requestId: 'wreq-0009' }, A)
    const ledger = await h.ok<{ balances: unknown; entries: { kind: string }[] }>(walletActions, 'myLedger', { storeId }, A)
    expect(ledger.balances).toEqual({ availableFen: 15_000, heldFen: 5_000, frozenFen: 0 })
    expect(ledger.entries.map((e) => e.kind)).toEqual(['withdrawal_hold', 'adjustment'])
  })
})
