import Decimal from 'decimal.js'
import { RATIO_SCALE } from '../../types/money'

const MAX_SAFE = Number.MAX_SAFE_INTEGER

/** Throws unless n is a non-negative safe integer: a programmer error, never user input. */
export function assertNonNegativeInt(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative safe integer, got ${n}`)
}

/**
 * floor(a × b / c) for non-negative safe integers, exactly.
 * Plain numbers while a × b stays exact; BigInt when the product passes 2^53.
 */
export function mulDivFloor(a: number, b: number, c: number): number {
  if (c <= 0) throw new RangeError(`divisor must be positive, got ${c}`)
  const product = a * b
  if (product <= MAX_SAFE) {
    // Both operands are exact; the quotient may be one off after rounding, so correct it.
    let q = Math.floor(product / c)
    if (q * c > product) q -= 1
    else if ((q + 1) * c <= product) q += 1
    return q
  }
  return Number((BigInt(a) * BigInt(b)) / BigInt(c))
}

/**
 * A ratio or weight (at most 4 decimal places, SPEC §2) as an integer over RATIO_SCALE: 0.15 → 1500.
 * decimal.js reads the decimal exactly, so 0.3 is 3000 and not 2999.9999….
 */
export function toScaledRatio(ratio: number): number {
  const scaled = new Decimal(ratio).times(RATIO_SCALE)
  if (!scaled.isInteger() || scaled.isNegative()) {
    throw new RangeError(`ratio ${ratio} must be non-negative with at most 4 decimal places`)
  }
  return scaled.toNumber()
}

/** floor(amount × ratio), exact: SPEC §5 "every product of an amount and a ratio is exact, then floored". */
export function applyRatioFloor(amountFen: number, ratio: number): number {
  assertNonNegativeInt(amountFen, 'amount')
  return mulDivFloor(amountFen, toScaledRatio(ratio), RATIO_SCALE)
}
