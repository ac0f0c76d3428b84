import type { Fen } from '../../types/money'
import type { RuleSet } from '../../types/rules'
import { toScaledRatio } from '../money/exact'
import { RATIO_SCALE } from '../../types/money'

type FraudRules = RuleSet['fraud']

export type FraudRuleCode = 'rapid_captures' | 'self_claim' | 'outlier_purchase' | 'referral_burst'

export interface FraudHit {
  readonly rule: FraudRuleCode
  /** What the owner sees when reviewing the flag. */
  readonly evidence: Readonly<Record<string, string | number>>
}

/**
 * More than `rapidCaptureCount` captures by one member in one store within the window (SPEC §9).
 * `earlierInWindow`: the member's captures in this store during the last rapidCaptureWindowMinutes, before
 * this one (the caller's query applies the window).
 */
export function rapidCaptures(earlierInWindow: number, rules: FraudRules): FraudHit | null {
  const inWindow = earlierInWindow + 1
  // One flag per burst: the capture that crosses the threshold is flagged, the rest of the burst is not
  // (the owner reviews the member once, not once per purchase).
  if (inWindow !== rules.rapidCaptureCount + 1) return null
  return { rule: 'rapid_captures', evidence: { captures: inWindow, windowMinutes: rules.rapidCaptureWindowMinutes } }
}

/** A staff member claiming a code they created (compared by openid: a staff member may also be a member). */
export function selfClaim(creatorOpenid: string, claimerOpenid: string): FraudHit | null {
  return creatorOpenid === claimerOpenid ? { rule: 'self_claim', evidence: { creator: 'same person' } } : null
}

/** A purchase above outlierMultiple × the store's 99th percentile, once the percentile rests on enough data. */
export function outlierPurchase(amountFen: Fen, p99Fen: Fen | null, sampleCount: number, rules: FraudRules): FraudHit | null {
  if (p99Fen === null || sampleCount < rules.outlierMinSamples) return null
  // amount > p99 × multiple, in integers: amount × 10000 > p99 × scaledMultiple.
  const limitScaled = BigInt(p99Fen) * BigInt(toScaledRatio(rules.outlierMultiple))
  if (BigInt(amountFen) * BigInt(RATIO_SCALE) <= limitScaled) return null
  return { rule: 'outlier_purchase', evidence: { amountFen, p99Fen, multiple: rules.outlierMultiple } }
}

/** More than referralsPerDay referees bound to one referrer in one Shanghai day, counting this one. */
export function referralBurst(boundTodayBefore: number, rules: FraudRules): FraudHit | null {
  const count = boundTodayBefore + 1
  return count > rules.referralsPerDay ? { rule: 'referral_burst', evidence: { bindingsToday: count } } : null
}

/**
 * The capture times a member's record keeps for one store, so the rapid-captures rule needs no query:
 * those inside the window, at most `rapidCaptureCount + 1` of them (enough to tell "exactly at the
 * threshold" from "past it", which is all rapidCaptures asks). Returns how many earlier captures fall in
 * the window and the list to store with this capture added.
 */
export function recentCaptureWindow(
  earlier: readonly number[] | undefined,
  nowMs: number,
  rules: FraudRules,
): { readonly earlierInWindow: number; readonly next: number[] } {
  const since = nowMs - rules.rapidCaptureWindowMinutes * 60_000
  const inWindow = (earlier ?? []).filter((t) => t > since)
  const next = [...inWindow, nowMs].slice(-(rules.rapidCaptureCount + 1))
  return { earlierInWindow: inWindow.length, next }
}
