import type { AccountBalances, LedgerEffect } from '../../types/ledger'
import type { Fen } from '../../types/money'
import type { RuleSet } from '../../types/rules'
import { fail, ok, type Result } from '../../types/errors'
import { applyRatioFloor } from '../money/exact'
import { ledgerEffects } from './ledgerEffects'

/**
 * A withdrawal is a two-phase transfer (SPEC §7): the request holds the amount at once (available → held),
 * and it ends either paid (held → out, fee kept by the store) or released (held → available).
 *
 *   pending ──approve──▶ approved ──markPaid──────────────▶ paid
 *      │                    │  └──transferStarted─▶ transferring ──transferSucceeded─▶ paid
 *      ├──cancel (member)─▶ cancelled        │                    └──transferFailed─▶ failed
 *      └──reject (reason)─▶ rejected         └──transferFailed─────────────────────▶ failed
 */
export type WithdrawalStatus = 'pending' | 'approved' | 'transferring' | 'paid' | 'rejected' | 'cancelled' | 'failed'

export type WithdrawalEvent =
  | { readonly type: 'cancel' }
  | { readonly type: 'approve' }
  | { readonly type: 'reject'; readonly reason: string }
  | { readonly type: 'markPaid'; readonly note: string }
  | { readonly type: 'transferStarted' }
  | { readonly type: 'transferSucceeded' }
  /** FAIL, CANCELLED, or 24 h unconfirmed (SPEC §7). */
  | { readonly type: 'transferFailed'; readonly reason: string }

export const FINAL_STATUSES: ReadonlySet<WithdrawalStatus> = new Set(['paid', 'rejected', 'cancelled', 'failed'])

/** A merchant transfer left unconfirmed this long is released (SPEC §7). */
export const TRANSFER_CONFIRM_TIMEOUT_MS = 24 * 3600 * 1000

export interface WithdrawalTransition {
  readonly to: WithdrawalStatus
  /** Ledger entries to write in the same transaction as the status change. */
  readonly effects: readonly LedgerEffect[]
}

export interface WithdrawalAmounts {
  readonly amountFen: Fen
  readonly feeFen: Fen
}

const TABLE: Readonly<Record<WithdrawalStatus, Partial<Record<WithdrawalEvent['type'], WithdrawalStatus>>>> = {
  pending: { cancel: 'cancelled', approve: 'approved', reject: 'rejected' },
  approved: { markPaid: 'paid', transferStarted: 'transferring', transferFailed: 'failed' },
  transferring: { transferSucceeded: 'paid', transferFailed: 'failed' },
  paid: {},
  rejected: {},
  cancelled: {},
  failed: {},
}

export function transitionWithdrawal(
  status: WithdrawalStatus,
  event: WithdrawalEvent,
  w: WithdrawalAmounts,
): Result<WithdrawalTransition, 'withdrawal_wrong_state' | 'withdrawal_reason_required'> {
  const to = TABLE[status][event.type]
  if (!to) return fail('withdrawal_wrong_state', `${event.type} from ${status}`)
  if (event.type === 'reject' && event.reason.trim() === '') return fail('withdrawal_reason_required')
  if (to === 'paid') {
    const effects = [ledgerEffects.withdrawalPaid(w.amountFen - w.feeFen)]
    if (w.feeFen > 0) effects.push(ledgerEffects.withdrawalFee(w.feeFen))
    return ok({ to, effects })
  }
  if (to === 'cancelled' || to === 'rejected' || to === 'failed') {
    return ok({ to, effects: [ledgerEffects.withdrawalRelease(w.amountFen)] })
  }
  return ok({ to, effects: [] })
}

export interface WithdrawalRequestContext {
  readonly amountFen: Fen
  readonly balances: AccountBalances
  readonly memberFrozen: boolean
  /** Σ amounts requested today (Asia/Shanghai) by this member, not rejected or cancelled. */
  readonly requestedTodayFen: Fen
  readonly rules: RuleSet['withdrawal']
}

export interface WithdrawalRequestPlan extends WithdrawalAmounts {
  /** What the member receives: amount − fee. */
  readonly netFen: Fen
  readonly effects: readonly LedgerEffect[]
}

type RequestError =
  | 'invalid_input'
  | 'withdrawal_member_frozen'
  | 'withdrawal_below_min'
  | 'withdrawal_insufficient_balance'
  | 'withdrawal_daily_limit'

/** Checks a request in a fixed order and plans its hold (SPEC §7). */
export function planWithdrawalRequest(ctx: WithdrawalRequestContext): Result<WithdrawalRequestPlan, RequestError> {
  const { amountFen, rules } = ctx
  if (!Number.isSafeInteger(amountFen) || amountFen < 1) return fail('invalid_input', 'amountFen')
  if (ctx.memberFrozen) return fail('withdrawal_member_frozen')
  if (amountFen < rules.minFen) return fail('withdrawal_below_min')
  if (amountFen > ctx.balances.availableFen) return fail('withdrawal_insufficient_balance')
  if (ctx.requestedTodayFen + amountFen > rules.maxPerDayFen) return fail('withdrawal_daily_limit')
  const feeFen = withdrawalFeeFen(amountFen, rules.feeRatio)
  return ok({ amountFen, feeFen, netFen: amountFen - feeFen, effects: [ledgerEffects.withdrawalHold(amountFen)] })
}

/** SPEC §7: the fee is floor(amount × feeRatio), kept by the store. */
export function withdrawalFeeFen(amountFen: Fen, feeRatio: number): Fen {
  return applyRatioFloor(amountFen, feeRatio)
}

/** Which statuses count against the daily limit: requested amounts not rejected or cancelled (SPEC §3). */
export function countsTowardDailyLimit(status: WithdrawalStatus): boolean {
  return status !== 'rejected' && status !== 'cancelled'
}

