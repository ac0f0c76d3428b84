import type { MemberComponents, SettlementRules } from '../../types/settlement'
import { UNITS_PER_SHARE } from '../../types/money'
import { toScaledRatio } from '../money/exact'

/** The four weights as integers over 10,000, read once per settlement. */
export interface ScaledWeights {
  readonly own: number
  readonly referred: number
  readonly interaction: number
  readonly held: number
}

export function scaleWeights(weights: SettlementRules['weights']): ScaledWeights {
  return {
    own: toScaledRatio(weights.own),
    referred: toScaledRatio(weights.referred),
    interaction: toScaledRatio(weights.interaction),
    held: toScaledRatio(weights.held),
  }
}

// A module-local copy: read in the per-member loop, where an imported binding can cost a getter call.
const POINT_UNITS = UNITS_PER_SHARE

export class IndexOverflowError extends RangeError {}

/**
 * SPEC §5: index = w.own·own + w.referred·referred + w.interaction·points×10000 + w.held·held, in 10⁻⁸ 股
 * (weights scaled by 10,000), exact. Every term is a non-negative integer, so if the float result is within
 * 2^53 every partial was exact too. Overflow needs ~¥900M of weighted spend by one member in one period.
 */
export function contributionIndex(c: MemberComponents, w: ScaledWeights, pointsCounted: number): number {
  const index =
    w.own * c.ownUnits + w.referred * c.referredUnits + w.interaction * pointsCounted * POINT_UNITS + w.held * c.heldUnits
  if (index > Number.MAX_SAFE_INTEGER) throw new IndexOverflowError(`contribution index of ${c.memberId} exceeds 2^53`)
  return index
}

/** Points count up to the period cap (SPEC §2). */
export function cappedPoints(points: number, capPerPeriod: number): number {
  return points < capPerPeriod ? points : capPerPeriod
}
