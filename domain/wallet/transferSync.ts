import type { CryptoPort } from '../crypto/port'
import { TRANSFER_CONFIRM_TIMEOUT_MS, type WithdrawalEvent } from './withdrawal'

/**
 * States of a WeChat Pay 商家转账 bill (`/v3/fund-app/mch-transfer/transfer-bills`). After WAIT_USER_CONFIRM
 * the member confirms in the mini-program (`wx.requestMerchantTransfer`); only then does money move.
 */
export type TransferState =
  | 'ACCEPTED'
  | 'PROCESSING'
  | 'WAIT_USER_CONFIRM'
  | 'TRANSFERING'
  | 'SUCCESS'
  | 'FAIL'
  | 'CANCELING'
  | 'CANCELLED'

export interface TransferBillView {
  readonly state: TransferState
  readonly failReason?: string | null
}

/** What to do with a withdrawal in `transferring` after asking WeChat Pay about its bill. */
export type TransferSyncStep =
  | { readonly kind: 'event'; readonly event: WithdrawalEvent }
  /** The bill was never created (the create call failed before WeChat saw it): create it again, same bill number. */
  | { readonly kind: 'create' }
  /** 24 h without the member's confirmation: ask WeChat to cancel; the release follows once it is CANCELLED. */
  | { readonly kind: 'cancel' }
  | { readonly kind: 'wait' }

/** States in which the member has not confirmed yet, so the bill may still be cancelled. */
const UNCONFIRMED: ReadonlySet<TransferState> = new Set(['ACCEPTED', 'WAIT_USER_CONFIRM'])

/**
 * SPEC §7: a failed call is queried by its bill number, never re-issued with a new one; FAIL, CANCELLED or
 * 24 h unconfirmed → released. Money in flight (PROCESSING, TRANSFERING, CANCELING) is waited for.
 */
export function transferSyncStep(bill: TransferBillView | null, startedAtMs: number, nowMs: number): TransferSyncStep {
  if (bill === null) return { kind: 'create' }
  switch (bill.state) {
    case 'SUCCESS':
      return { kind: 'event', event: { type: 'transferSucceeded' } }
    case 'FAIL':
      return { kind: 'event', event: { type: 'transferFailed', reason: `转账失败：${bill.failReason ?? '未知原因'}` } }
    case 'CANCELLED':
      return { kind: 'event', event: { type: 'transferFailed', reason: '转账已撤销（超过 24 小时未确认收款）' } }
    default:
      if (UNCONFIRMED.has(bill.state) && nowMs - startedAtMs >= TRANSFER_CONFIRM_TIMEOUT_MS) return { kind: 'cancel' }
      return { kind: 'wait' }
  }
}

/**
 * The merchant bill number: only letters and digits, at most 32 (WeChat's rule), derived from the
 * withdrawal id so every retry names the same bill.
 */
export function transferBillNumber(crypto: CryptoPort, withdrawalId: string): string {
  return `wd${crypto.sha256Hex([withdrawalId]).slice(0, 30)}`
}
