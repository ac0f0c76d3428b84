import type { Fen, ShareUnits } from '../../types/money'
import { fail, ok, type Result } from '../../types/errors'
import { mulDivFloor, toScaledRatio } from '../money/exact'
import { sharesForAmount } from '../money/shares'

export interface RefundablePurchase {
  readonly amountFen: Fen
  /** Part of the amount paid from the member's balance. */
  readonly offsetFen: Fen
  readonly sharesUnits: ShareUnits
  /** Refunded so far. */
  readonly refundedFen: Fen
  /** The rule in force when the purchase was captured (its shares were computed with it). */
  readonly fenPerShare: number
}

export interface RefundPlan {
  readonly refundFen: Fen
  /** Shares this refund takes back. */
  readonly sharesRefundedUnits: ShareUnits
  /** Comes back to the balance (entry offset_refund). */
  readonly offsetRefundFen: Fen
  /** The store returns this part in cash. */
  readonly cashRefundFen: Fen
  readonly remainingFen: Fen
  readonly remainingSharesUnits: ShareUnits
}

/**
 * SPEC §4.5. Refunded shares = original − floor(remaining × 10000 / fenPerShare), cumulative over partial
 * refunds, so this refund takes the difference. The offset part returned is floor(refund × offset / amount),
 * per refund as SPEC writes it; the store returns the rest in cash.
 */
export function planRefund(p: RefundablePurchase, refundFen: Fen): Result<RefundPlan, 'refund_invalid_amount'> {
  const refundable = p.amountFen - p.refundedFen
  if (!Number.isSafeInteger(refundFen) || refundFen < 1 || refundFen > refundable) return fail('refund_invalid_amount')
  const remainingFen = refundable - refundFen
  const remainingSharesUnits = sharesForAmount(remainingFen, p.fenPerShare)
  const sharesBeforeUnits = sharesForAmount(refundable, p.fenPerShare)
  const offsetRefundFen = p.amountFen === 0 ? 0 : mulDivFloor(refundFen, p.offsetFen, p.amountFen)
  return ok({
    refundFen,
    sharesRefundedUnits: sharesBeforeUnits - remainingSharesUnits,
    offsetRefundFen,
    cashRefundFen: refundFen - offsetRefundFen,
    remainingFen,
    remainingSharesUnits,
  })
}

export interface SettledFigures {
  /** The member's dividend in that settlement. */
  readonly dividendFen: Fen
  /** w.own of the rule version that settlement used. */
  readonly ownWeight: number
  /** The member's index in that settlement (10⁻⁸ 股, as stored in the snapshot). */
  readonly index: number
}

/**
 * SPEC §4.5: a refund after its period was settled claws back floor(dividend × w.own × refundedShares / index)
 * from the member's balance, with that settlement's stored figures. Exact: weights are scaled by 10,000 and
 * so is the stored index, so the scales cancel.
 */
export function clawbackFen(settled: SettledFigures, refundedSharesUnits: ShareUnits): Fen {
  if (settled.index <= 0 || settled.dividendFen <= 0 || refundedSharesUnits <= 0) return 0
  const scaledOwnWeight = toScaledRatio(settled.ownWeight)
  const amount =
    (BigInt(settled.dividendFen) * BigInt(scaledOwnWeight) * BigInt(refundedSharesUnits)) / BigInt(settled.index)
  return Math.min(Number(amount), settled.dividendFen)
}
