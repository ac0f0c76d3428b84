import { addToHistogram, EMPTY_HISTOGRAM, quantileFen, bucketOf, bucketUpperFen } from '../../domain/fraud/purchaseHistogram'
import fc from 'fast-check'
import { outlierPurchase, rapidCaptures, recentCaptureWindow, referralBurst, selfClaim } from '../../domain/fraud/rules'
import { defaultRuleSet } from '../../types/rules'

const rules = defaultRuleSet().fraud

describe('fraud predicates (SPEC §9)', () => {
  test('more than 3 captures in 10 minutes: the fourth is flagged', () => {
    expect(rapidCaptures(2, rules)).toBeNull() // this one is the third
    expect(rapidCaptures(3, rules)).toMatchObject({ rule: 'rapid_captures', evidence: { captures: 4, windowMinutes: 10 } })
    // The rest of the same burst is not flagged again.
    expect(rapidCaptures(4, rules)).toBeNull()
    expect(rapidCaptures(9, rules)).toBeNull()
  })

  test('the kept capture times flag exactly what a count over the whole history would', () => {
    // Any capture history (increasing times, gaps from seconds to an hour) and any threshold: the bounded
    // list stored on the member gives rapidCaptures the same answer as counting every earlier capture.
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3_600_000 }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 30 }),
        (gaps, count, minutes) => {
          const r = { ...rules, rapidCaptureCount: count, rapidCaptureWindowMinutes: minutes }
          const history: number[] = []
          let kept: number[] | undefined
          let now = 1_800_000_000_000
          for (const gap of gaps) {
            now += gap
            const counted = history.filter((t) => t > now - minutes * 60_000).length
            const w = recentCaptureWindow(kept, now, r)
            expect(rapidCaptures(w.earlierInWindow, r)).toEqual(rapidCaptures(counted, r))
            expect(w.next.length).toBeLessThanOrEqual(count + 1)
            history.push(now)
            kept = w.next
          }
        },
      ),
    )
  })

  test('a staff member claiming their own code', () => {
    expect(selfClaim('o1', 'o1')).toMatchObject({ rule: 'self_claim' })
    expect(selfClaim('o1', 'o2')).toBeNull()
  })

  test('a purchase above 5× the 99th percentile, only with enough samples', () => {
    expect(outlierPurchase(50_001, 10_000, 100, rules)).toMatchObject({ rule: 'outlier_purchase' })
    expect(outlierPurchase(50_000, 10_000, 100, rules)).toBeNull()
    expect(outlierPurchase(10_000_000, 10_000, 99, rules)).toBeNull()
    expect(outlierPurchase(10_000_000, null, 1000, rules)).toBeNull()
  })

  test('more than 10 referees to one referrer in a day', () => {
    expect(referralBurst(9, rules)).toBeNull()
    expect(referralBurst(10, rules)).toMatchObject({ rule: 'referral_burst', evidence: { bindingsToday: 11 } })
  })
})

describe('purchase histogram', () => {
  test('the 99th percentile is within one bucket (≤ 10%) above the true value', () => {
    let h = EMPTY_HISTOGRAM
    const amounts: number[] = []
    for (let i = 1; i <= 1000; i++) {
      const amount = 1000 + ((i * 7919) % 20_000)
      amounts.push(amount)
      h = addToHistogram(h, amount)
    }
    amounts.sort((a, b) => a - b)
    const truth = amounts[Math.ceil(0.99 * amounts.length) - 1] as number
    const estimate = quantileFen(h, 0.99) as number
    expect(estimate).toBeGreaterThanOrEqual(truth)
    expect(estimate).toBeLessThanOrEqual(Math.ceil(truth * 1.1) + 1)
    expect(h.count).toBe(1000)
  })

  test('buckets are ordered and bounded', () => {
    for (const amount of [1, 2, 10, 99, 100, 12345, 10 ** 10]) {
      expect(bucketUpperFen(bucketOf(amount))).toBeGreaterThan(amount - 1)
    }
    expect(bucketOf(10 ** 10)).toBeLessThan(260)
    expect(quantileFen(EMPTY_HISTOGRAM, 0.99)).toBeNull()
  })
})
