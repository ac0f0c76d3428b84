import fc from 'fast-check'
import { allocateLargestRemainder } from '../../domain/settlement/allocate'
import { allocateLargestRemainderExact } from '../../domain/settlement/allocateExact'
import { testSeed } from '../support/seed'

const fast = (total: number, weights: number[]) => Array.from(allocateLargestRemainder(total, weights))
const exact = (total: number, weights: number[]) =>
  allocateLargestRemainderExact(BigInt(total), weights.map(BigInt)).map(Number)

describe('largest remainder: examples', () => {
  test.each<[string, number, number[], number[]]>([
    ['even split', 90, [1, 1, 1], [30, 30, 30]],
    // 100/3 = 33.33… each: equal remainders, the leftover fen goes to the earliest (smallest id) position.
    ['tie goes to the first position', 100, [1, 1, 1], [34, 33, 33]],
    ['two leftovers on a tie', 101, [1, 1, 1], [34, 34, 33]],
    // 10 × 1/6 = 1.67, 10 × 2/6 = 3.33, 10 × 3/6 = 5: floors 1+3+5 = 9, leftover to the .67 remainder.
    ['largest remainder wins, not largest weight', 10, [1, 2, 3], [2, 3, 5]],
    ['zero weight gets nothing', 7, [0, 1, 0], [0, 7, 0]],
    ['all weights zero', 50, [0, 0], [0, 0]],
    ['nothing to split', 0, [3, 4], [0, 0]],
    ['no positions', 10, [], []],
    ['one unit over many', 1, [5, 5, 5, 5], [1, 0, 0, 0]],
  ])('%s', (_name, total, weights, expected) => {
    expect(fast(total, weights)).toEqual(expected)
    expect(exact(total, weights)).toEqual(expected)
  })

  test('rejects weights that are not safe non-negative integers', () => {
    expect(() => allocateLargestRemainder(10, [1, -1])).toThrow(RangeError)
    expect(() => allocateLargestRemainder(10, [1.5])).toThrow(RangeError)
    expect(() => allocateLargestRemainder(10, [2 ** 53])).toThrow(RangeError)
    expect(() => allocateLargestRemainder(-1, [1])).toThrow(RangeError)
  })
})

describe('largest remainder: agrees with the BigInt reference to the unit', () => {
  const weightsArb = fc.oneof(
    // Everyday magnitudes.
    fc.array(fc.nat({ max: 10_000_000_000 }), { minLength: 1, maxLength: 60 }),
    // Many ties: few distinct weights.
    fc.array(fc.constantFrom(0, 1, 2, 3, 7, 10_000), { minLength: 1, maxLength: 60 }),
    // Near 2^53, where Σ weights passes the safe range and quotas must be settled in BigInt.
    fc.array(fc.integer({ min: 2 ** 50, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 20 }),
    // Mixed huge and tiny.
    fc.array(fc.oneof(fc.nat({ max: 5 }), fc.maxSafeNat()), { minLength: 1, maxLength: 20 }),
  )
  const totalArb = fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: 100_000_000 }), fc.maxSafeNat())

  test('same amounts as the reference', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        expect(fast(total, weights)).toEqual(exact(total, weights))
      }),
      { seed: testSeed('allocate vs reference'), numRuns: 3000 },
    )
  })

  test('the sum is exactly the total (or 0 when no weight is positive)', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const sum = fast(total, weights).reduce((a, b) => a + b, 0)
        expect(sum).toBe(weights.some((w) => w > 0) ? total : 0)
      }),
      { seed: testSeed('allocate sum') },
    )
  })

  test('each amount is its exact quota floored or plus one', () => {
    fc.assert(
      fc.property(totalArb, weightsArb, (total, weights) => {
        const sum = weights.reduce((a, b) => a + BigInt(b), 0n)
        fast(total, weights).forEach((amount, i) => {
          if (sum === 0n) return expect(amount).toBe(0)
          const floor = (BigInt(total) * BigInt(weights[i] as number)) / sum
          expect(BigInt(amount) === floor || BigInt(amount) === floor + 1n).toBe(true)
        })
      }),
      { seed: testSeed('allocate quota') },
    )
  })

  test('a large equal-weight population takes the exact tie path and stays ordered', () => {
    const weights = new Array(200_001).fill(3)
    const out = fast(100_000, weights)
    // 100000/200001 each → all floor to 0, the 100000 leftover fen go to the first 100000 positions.
    expect(out.slice(0, 100_000).every((a) => a === 1)).toBe(true)
    expect(out.slice(100_000).every((a) => a === 0)).toBe(true)
  })
})
