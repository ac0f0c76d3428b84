/**
 * Largest-remainder allocation in plain BigInt (SPEC §5 "Exact rounding"), written for clarity.
 * It is the reference the fast allocator is tested against; use allocateLargestRemainder in production.
 *
 * Each quota total × w / Σw is floored; the fen left over go one each to the largest remainders;
 * equal remainders go to the earlier position (callers order positions by id, so: smaller id first).
 */
export function allocateLargestRemainderExact(total: bigint, weights: readonly bigint[]): bigint[] {
  const sum = weights.reduce((acc, w) => acc + w, 0n)
  const amounts = weights.map(() => 0n)
  if (sum === 0n || total === 0n) return amounts
  const remainders: { position: number; remainder: bigint }[] = []
  let handedOut = 0n
  weights.forEach((w, position) => {
    const product = total * w
    amounts[position] = product / sum
    handedOut += product / sum
    if (w > 0n) remainders.push({ position, remainder: product % sum })
  })
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.position - b.position : a.remainder > b.remainder ? -1 : 1))
  let left = total - handedOut
  for (const { position } of remainders) {
    if (left === 0n) break
    amounts[position] = (amounts[position] ?? 0n) + 1n
    left -= 1n
  }
  return amounts
}
