const MAX_SAFE = Number.MAX_SAFE_INTEGER

/**
 * Splits `total` (a non-negative safe integer, e.g. fen) over `weights` (non-negative safe integers) by the
 * largest-remainder method of SPEC §5, exactly:
 *   - each quota total × w / Σw is floored;
 *   - the units left over go one each to the largest fractional remainders;
 *   - equal remainders go to the earlier position. Callers order positions by id, so that is "smaller id
 *     first".
 * Returns the amounts by position; all zero when Σw = 0.
 *
 * Why not BigInt throughout (see allocateExact.ts, the reference this is tested against): on a million
 * members that costs several hundred ms. Here each quota is computed in floating point and its error is
 * bounded (relative ≤ 3·2⁻⁵³, so absolute ≤ `slack`); only quotas whose floor is in doubt, and only
 * remainders that might tie at the cut-off, are recomputed in BigInt. The result is identical to the
 * reference, to the unit.
 */
export function allocateLargestRemainder(total: number, weights: ArrayLike<number>): Float64Array {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total must be a non-negative safe integer, got ${total}`)
  const n = weights.length
  const amounts = new Float64Array(n)
  const sum = exactSum(weights)
  if (sum === 0n || total === 0) return amounts

  const sumF = Number(sum)
  const totalBig = BigInt(total)
  // The largest possible error of a float quota (quota ≤ total), with a 3× margin over the bound.
  const slack = (total + 1) * 1e-15
  if (slack > 1e-3) return fromExact(allocateAllExact(totalBig, weights, sum))

  // fractions[i]: the quota's fractional part (approximate within slack); -1 marks a zero weight.
  const fractions = new Float64Array(n)
  let handedOut = 0
  let positive = 0
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number
    if (w === 0) {
      fractions[i] = -1
      continue
    }
    positive++
    const quota = (total * w) / sumF
    let floor = Math.floor(quota)
    let fraction = quota - floor
    if (fraction < slack || fraction > 1 - slack) {
      // The floor itself is in doubt: settle it exactly.
      const product = totalBig * BigInt(w)
      const q = product / sum
      floor = Number(q)
      fraction = Number(product - q * sum) / sumF
    }
    amounts[i] = floor
    fractions[i] = fraction
    handedOut += floor
  }

  const left = total - handedOut
  if (left < 0 || left >= Math.max(positive, 1)) throw new Error(`allocation invariant broken: ${left} left over`)
  if (left === 0) return amounts

  const cutoff = kthLargest(fractions, left)
  // Definitely above the cut-off: one unit each. Within 2·slack of it: decided exactly below.
  const contested: number[] = []
  let given = 0
  for (let i = 0; i < n; i++) {
    const f = fractions[i] as number
    if (f > cutoff + 2 * slack) {
      amounts[i] = (amounts[i] as number) + 1
      given++
    } else if (f >= cutoff - 2 * slack && f >= 0) {
      contested.push(i)
    }
  }
  const stillLeft = left - given
  if (stillLeft < 0 || stillLeft > contested.length) throw new Error('allocation cut-off invariant broken')
  if (stillLeft > 0) {
    const exact = contested.map((position) => ({
      position,
      remainder: (totalBig * BigInt(weights[position] as number)) % sum,
    }))
    // Array.prototype.sort is stable, and `contested` is in position order: equal remainders keep it.
    exact.sort((a, b) => (a.remainder === b.remainder ? 0 : a.remainder > b.remainder ? -1 : 1))
    for (let j = 0; j < stillLeft; j++) {
      const position = (exact[j] as { position: number }).position
      amounts[position] = (amounts[position] as number) + 1
    }
  }
  return amounts
}

/** Σ weights exactly as a bigint, validating each weight; floats accumulate until they could lose a unit. */
function exactSum(weights: ArrayLike<number>): bigint {
  let big = 0n
  let acc = 0
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number
    if (!(w >= 0 && w <= MAX_SAFE && Number.isInteger(w))) {
      throw new RangeError(`weight at ${i} must be a non-negative safe integer, got ${w}`)
    }
    if (acc + w > MAX_SAFE) {
      big += BigInt(acc)
      acc = 0
    }
    acc += w
  }
  return big + BigInt(acc)
}

/** The k-th largest non-negative value (k ≥ 1), by a bucket pass and a sort of one bucket only. */
function kthLargest(values: Float64Array, k: number): number {
  const n = values.length
  const buckets = Math.max(1, Math.min(n, 1 << 16))
  const counts = new Int32Array(buckets)
  const bucketOf = (v: number) => Math.min(buckets - 1, Math.floor(v * buckets))
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (v >= 0) {
      const b = bucketOf(v)
      counts[b] = (counts[b] as number) + 1
    }
  }
  let above = 0
  let bucket = buckets - 1
  for (; bucket >= 0; bucket--) {
    const c = counts[bucket] as number
    if (above + c >= k) break
    above += c
  }
  const members = new Float64Array(counts[bucket] as number)
  let m = 0
  for (let i = 0; i < n; i++) {
    const v = values[i] as number
    if (v >= 0 && bucketOf(v) === bucket) members[m++] = v
  }
  members.sort()
  // k - above - 1 positions from the top of this bucket.
  return members[members.length - (k - above)] as number
}

function allocateAllExact(total: bigint, weights: ArrayLike<number>, sum: bigint): bigint[] {
  const n = weights.length
  const amounts: bigint[] = new Array(n)
  const ranked: { position: number; remainder: bigint }[] = []
  let left = total
  for (let i = 0; i < n; i++) {
    const product = total * BigInt(weights[i] as number)
    const q = product / sum
    amounts[i] = q
    left -= q
    if ((weights[i] as number) > 0) ranked.push({ position: i, remainder: product % sum })
  }
  ranked.sort((a, b) => (a.remainder === b.remainder ? a.position - b.position : a.remainder > b.remainder ? -1 : 1))
  for (let j = 0; left > 0n; j++, left--) {
    const position = (ranked[j] as { position: number }).position
    amounts[position] = (amounts[position] as bigint) + 1n
  }
  return amounts
}

function fromExact(values: bigint[]): Float64Array {
  const out = new Float64Array(values.length)
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as bigint
    if (v > BigInt(MAX_SAFE)) throw new RangeError('allocated amount exceeds the safe integer range')
    out[i] = Number(v)
  }
  return out
}
