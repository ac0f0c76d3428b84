import type { Fen } from '../../types/money'

/**
 * The store statistics document keeps purchase amounts in a log-scale histogram: bucket i holds amounts in
 * [GROWTH^i, GROWTH^(i+1)) fen. It is small (≤ 260 buckets up to ¥100M), updates with one increment, and
 * gives the 99th percentile within one bucket's width (≤ 10%) — precise enough for a 5× outlier rule,
 * and unlike a list of amounts it never grows.
 */
export const HISTOGRAM_GROWTH = 1.1
const LOG_GROWTH = Math.log(HISTOGRAM_GROWTH)

export interface PurchaseHistogram {
  readonly count: number
  /** `b${bucket index}` → purchases in it. (Keys are not bare numbers: a document database could read a
   *  numeric path segment as an array index.) */
  readonly buckets: Readonly<Record<string, number>>
}

export const EMPTY_HISTOGRAM: PurchaseHistogram = { count: 0, buckets: {} }

export function bucketOf(amountFen: Fen): number {
  if (amountFen < 1) return 0
  // The epsilon keeps exact powers (e.g. 1.1^k computed as a float) in their own bucket.
  return Math.floor(Math.log(amountFen) / LOG_GROWTH + 1e-9)
}

/** Upper edge of a bucket, in fen (rounded up: a conservative percentile). */
export function bucketUpperFen(bucket: number): Fen {
  return Math.ceil(Math.pow(HISTOGRAM_GROWTH, bucket + 1))
}

/** The document key of the bucket an amount falls in. */
export function bucketKey(amountFen: Fen): string {
  return `b${bucketOf(amountFen)}`
}

export function addToHistogram(h: PurchaseHistogram, amountFen: Fen): PurchaseHistogram {
  const key = bucketKey(amountFen)
  return { count: h.count + 1, buckets: { ...h.buckets, [key]: (h.buckets[key] ?? 0) + 1 } }
}

/** The q-quantile (0 < q < 1) as the upper edge of the bucket holding it; null for an empty histogram. */
export function quantileFen(h: PurchaseHistogram, q: number): Fen | null {
  if (h.count === 0) return null
  const rank = Math.ceil(q * h.count)
  const ordered = Object.keys(h.buckets)
    .map((key) => Number(key.slice(1)))
    .sort((a, b) => a - b)
  let seen = 0
  for (const b of ordered) {
    seen += h.buckets[`b${b}`] ?? 0
    if (seen >= rank) return bucketUpperFen(b)
  }
  return bucketUpperFen(ordered[ordered.length - 1] as number)
}
