import type { Fen, ShareUnits } from '../../types/money'
import { UNITS_PER_SHARE } from '../../types/money'
import { assertNonNegativeInt, mulDivFloor } from './exact'

/** SPEC §2: a purchase earns floor(amountFen × 10000 / fenPerShare) share units, on its full amount. */
export function sharesForAmount(amountFen: Fen, fenPerShare: number): ShareUnits {
  assertNonNegativeInt(amountFen, 'amountFen')
  if (!Number.isSafeInteger(fenPerShare) || fenPerShare < 1) throw new RangeError(`bad fenPerShare ${fenPerShare}`)
  return mulDivFloor(amountFen, UNITS_PER_SHARE, fenPerShare)
}

/** SPEC §2: before weighting, 1 interaction point counts as 1 股. */
export function pointsToUnits(points: number): ShareUnits {
  assertNonNegativeInt(points, 'points')
  return points * UNITS_PER_SHARE
}
