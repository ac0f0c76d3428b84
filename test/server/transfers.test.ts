/**
 * Withdrawals paid by WeChat Pay 商家转账 (SPEC §7), against an in-memory WeChat Pay: one bill number per
 * withdrawal whatever fails, money moves only on a final state, FAIL / CANCELLED / 24 h unconfirmed release.
 */
import type { TransferState } from '../../domain/wallet/transferSync'
import type { AccountDoc, LedgerDoc } from '../../server/model'
import type { TransferBill, TransferPort, TransferRequest } from '../../server/payout/transferPort'
import { checkoutActions } from '../../server/services/checkout'
import { memberIdFor } from '../../server/services/ids'
import { runDaily } from '../../server/services/timer'
import { transferActions } from '../../server/services/transfers'
import { walletActions, withdrawalAdminActions } from '../../server/services/wallet'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { credit, newCode, openStore } from '../support/store'

/** WeChat Pay as far as this service can tell: bills by number, and failures on demand. */
class FakeWechatPay implements TransferPort {
  readonly appId = 'wx8888888888888888'
  readonly mchId = '1900000109'
  readonly bills = new Map<string, { request: TransferRequest; state: TransferState; failReason?: string }>()
  readonly creates: string[] = []
  failNextCreate: 'before' | 'after' | null = null

  async create(request: TransferRequest): Promise<TransferBill> {
    this.creates.push(request.outBillNo)
    if (this.failNextCreate === 'before') {
      this.failNextCreate = null
      throw new Error('socket hang up')
    }
    if (!this.bills.has(request.outBillNo)) this.bills.set(request.outBillNo, { request, state: 'WAIT_USER_CONFIRM' })
    if (this.failNextCreate === 'after') {
      this.failNextCreate = null
      throw new Error('timeout after WeChat accepted')
    }
    return this.view(request.outBillNo)
  }
  async query(outBillNo: string) {
    return this.bills.has(outBillNo) ? this.view(outBillNo) : null
  }
  async cancel(outBillNo: string) {
    const bill = this.bills.get(outBillNo)
    if (!bill) throw new Error('NOT_FOUND')
    bill.state = 'CANCELLED'
    return this.view(outBillNo)
  }
  set(outBillNo: string, state: TransferState, failReason?: string) {
    const bill = this.bills.get(outBillNo)
    if (!bill) throw new Error('no bill')
    Object.assign(bill, { state, failReason })
  }
  private view(outBillNo: string): TransferBill {
    const bill = this.bills.get(outBillNo)!
    return { outBillNo, state: bill.state, transferBillNo: `1330${outBillNo}`, packageInfo: bill.state === 'WAIT_USER_CONFIRM' ? `pkg-${outBillNo}` : null, failReason: bill.failReason ?? null }
  }
}

const A = 'o_alice'
let h: Harness
let wx: FakeWechatPay
let storeId: string
let memberId: string

type W = { withdrawalId: string; status: string; netFen: number; transferState: string | null; confirmPackage: string | null }

beforeEach(async () => {
  h = new Harness()
  wx = new FakeWechatPay()
  h.transfers = wx
  const s = await openStore(h)
  storeId = s.storeId
  await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, A)
  memberId = memberIdFor(nodeCrypto, s.scopeId, A)
  await credit(h, memberId, 500_000)
})
afterEach(() => h.auditAndClose())

const balances = async () => {
  const a = (await h.storage.get<AccountDoc>('accounts', memberId))!
  return { availableFen: a.availableFen, heldFen: a.heldFen }
}

async function approved(amountFen = 10_000, requestId = 'wreq-t001') {
  const w = await h.ok<W>(walletActions, 'requestWithdrawal', { storeId, amountFen, requestId }, A)
  await h.ok(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'approve' }, OWNER)
  return w.withdrawalId
}

const onlyBill = () => {
  expect(wx.bills.size).toBe(1)
  return [...wx.bills.keys()][0] as string
}

test('start → the member confirms → SUCCESS: paid, the held amount leaves, one bill', async () => {
  const id = await approved()
  const started = await h.ok<W>(transferActions, 'startTransfer', { storeId, withdrawalId: id }, OWNER)
  expect(started).toMatchObject({ status: 'transferring', transferState: 'WAIT_USER_CONFIRM' })
  const bill = onlyBill()
  expect(bill).toMatch(/^wd[0-9a-f]{30}$/)
  expect(wx.bills.get(bill)?.request).toMatchObject({ openid: A, amountFen: 10_000 })
  const mine = await h.ok<{ withdrawals: W[]; transferApp: unknown }>(walletActions, 'myWithdrawals', { storeId }, A)
  expect(mine.withdrawals[0]?.confirmPackage).toBe(`pkg-${bill}`)
  expect(mine.transferApp).toEqual({ mchId: '1900000109', appId: 'wx8888888888888888' })
  expect(await balances()).toEqual({ availableFen: 490_000, heldFen: 10_000 })

  wx.set(bill, 'SUCCESS')
  const done = await h.ok<W>(transferActions, 'syncTransfer', { storeId, withdrawalId: id }, OWNER)
  expect(done.status).toBe('paid')
  expect(await balances()).toEqual({ availableFen: 490_000, heldFen: 0 })
  const paid = await h.storage.query<LedgerDoc>('ledger', { where: { accountId: memberId, kind: 'withdrawal_paid' }, limit: 10 })
  expect(paid.docs.map((e) => e.amountFen)).toEqual([-10_000])
  // A second sync of a finished transfer changes nothing.
  await h.ok(transferActions, 'syncTransfer', { storeId, withdrawalId: id }, OWNER)
  expect(await balances()).toEqual({ availableFen: 490_000, heldFen: 0 })
})

test('a create call that fails before WeChat sees it is created again under the same number', async () => {
  const id = await approved()
  wx.failNextCreate = 'before'
  const started = await h.ok<W>(transferActions, 'startTransfer', { storeId, withdrawalId: id }, OWNER)
  expect(started).toMatchObject({ status: 'transferring', transferState: null })
  expect(wx.bills.size).toBe(0)
  await h.ok(transferActions, 'syncTransfer', { storeId, withdrawalId: id }, OWNER)
  const bill = onlyBill()
  expect(new Set(wx.creates)).toEqual(new Set([bill]))
})

test('a create call that times out after WeChat accepted is found by query, not re-issued', async () => {
  const id = await approved()
  wx.failNextCreate = 'after'
  await h.ok(transferActions, 'startTransfer', { storeId, withdrawalId: id }, OWNER)
  const bill = onlyBill()
  const synced = await h.ok<W>(transferActions, 'syncTransfer', { storeId, withdrawalId: id }, OWNER)
  expect(synced.transferState).toBe('WAIT_USER_CONFIRM')
  expect(wx.creates).toEqual([bill])
})

test('FAIL releases the amount to the balance with the reason', async () => {
  const id = await approved()
  await h.ok(transferActions, 'startTransfer', { storeId, withdrawalId: id }, OWNER)
  wx.set(onlyBill(), 'FAIL', 'PAYEE_ACCOUNT_ABNORMAL')
  const w = await h.ok<W & { reason: string }>(transferActions, 'syncTransfer', { storeId, withdrawalId: id }, OWNER)
  expect(w).toMatchObject({ status: 'failed' })
  expect(w.reason).toContain('PAYEE_ACCOUNT_ABNORMAL')
  expect(await balances()).toEqual({ availableFen: 500_000, heldFen: 0 })
})

test('24 h without the member’s confirmation: the timer cancels the bill and releases the amount', async () => {
  const id = await approved()
  await h.ok(transferActions, 'startTransfer', { storeId, withdrawalId: id }, OWNER)
  h.advance(23 * 3600_000)
  expect((await runDaily(h.context(null))).transfers).toEqual({ checked: 1, finished: 0 })
  expect(await balances()).toEqual({ availableFen: 490_000, heldFen: 10_000 })
  h.advance(3600_000)
  expect((await runDaily(h.context(null))).transfers).toEqual({ checked: 1, finished: 1 })
  expect(wx.bills.get(onlyBill())?.state).toBe('CANCELLED')
  expect(await balances()).toEqual({ availableFen: 500_000, heldFen: 0 })
  const mine = await h.ok<{ withdrawals: W[] }>(walletActions, 'myWithdrawals', { storeId }, A)
  expect(mine.withdrawals[0]).toMatchObject({ withdrawalId: id, status: 'failed', confirmPackage: null })
})

test('money being transferred is waited for, even after 24 h', async () => {
  const id = await approved()
  await h.ok(transferActions, 'startTransfer', { storeId, withdrawalId: id }, OWNER)
  wx.set(onlyBill(), 'TRANSFERING')
  h.advance(48 * 3600_000)
  const w = await h.ok<W>(transferActions, 'syncTransfer', { storeId, withdrawalId: id }, OWNER)
  expect(w).toMatchObject({ status: 'transferring', transferState: 'TRANSFERING' })
})

test('refusals: not configured, ¥2,000 and above, not approved, another store’s owner', async () => {
  const big = await approved(200_000, 'wreq-big1')
  expect(await h.call(transferActions, 'startTransfer', { storeId, withdrawalId: big }, OWNER)).toMatchObject({ ok: false, code: 'transfer_needs_manual' })
  const pending = await h.ok<W>(walletActions, 'requestWithdrawal', { storeId, amountFen: 5_000, requestId: 'wreq-pend' }, A)
  expect(await h.call(transferActions, 'startTransfer', { storeId, withdrawalId: pending.withdrawalId }, OWNER)).toMatchObject({ ok: false, code: 'withdrawal_wrong_state' })
  expect(await h.call(transferActions, 'startTransfer', { storeId, withdrawalId: big }, A)).toMatchObject({ ok: false, code: 'forbidden' })
  h.transfers = null
  expect(await h.call(transferActions, 'startTransfer', { storeId, withdrawalId: big }, OWNER)).toMatchObject({ ok: false, code: 'payout_not_configured' })
  expect(wx.bills.size).toBe(0)
})
