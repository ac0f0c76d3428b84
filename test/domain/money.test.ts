import fc from 'fast-check'
import { applyRatioFloor, mulDivFloor, toScaledRatio } from '../../domain/money/exact'
import { formatFen, formatPercent, formatShares, formatYuanPlain, parseYuan } from '../../domain/money/format'
import { pointsToUnits, sharesForAmount } from '../../domain/money/shares'
import { testSeed } from '../support/seed'

describe('exact arithmetic', () => {
  test.each([
    [7, 3, 2, 10],
    [0, 5, 3, 0],
    [1, 1, 3, 0],
    [Number.MAX_SAFE_INTEGER, 3, 7, Number((BigInt(Number.MAX_SAFE_INTEGER) * 3n) / 7n)],
    // Float division alone would round this up to 3002399751580331 (the product is exactly representable).
    [3002399751580331, 3, 3, 3002399751580331],
  ])('mulDivFloor(%d, %d, %d) = %d', (a, b, c, expected) => {
    expect(mulDivFloor(a, b, c)).toBe(expected)
  })

  test('mulDivFloor agrees with BigInt on every safe input', () => {
    const seed = testSeed('mulDivFloor')
    fc.assert(
      fc.property(
        fc.maxSafeNat(),
        fc.nat({ max: 1_000_000_000 }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        (a, b, c) => mulDivFloor(a, b, c) === Number((BigInt(a) * BigInt(b)) / BigInt(c)),
      ),
      { seed, numRuns: 2000 },
    )
  })

  test('ratios are read exactly: 0.3 is 3000/10000, not 2999.99…', () => {
    expect(toScaledRatio(0.3)).toBe(3000)
    expect(toScaledRatio(0.15)).toBe(1500)
    expect(toScaledRatio(0.0001)).toBe(1)
    expect(toScaledRatio(1)).toBe(10000)
    expect(() => toScaledRatio(0.00001)).toThrow(RangeError)
    expect(() => toScaledRatio(-0.1)).toThrow(RangeError)
  })

  test('applyRatioFloor floors the exact product', () => {
    // 0.15 × 333 = 49.95 → 49; a float product 333 * 0.15 = 49.949999… would also floor to 49,
    // but 0.29 × 100 = 28.999999999999996 in floats, which must be 29.
    expect(applyRatioFloor(333, 0.15)).toBe(49)
    expect(applyRatioFloor(100, 0.29)).toBe(29)
    expect(applyRatioFloor(1_000_000, 0.15)).toBe(150_000)
  })
})

describe('shares', () => {
  test.each([
    [10000, 10000, 10000], // ¥100 → 1 股
    [12345, 10000, 12345], // ¥123.45 → 1.2345 股
    [1, 10000, 1],
    [9999, 30000, 3333], // floor(9999 × 10000 / 30000) = 3333
    [0, 10000, 0],
  ])('sharesForAmount(%d fen, fenPerShare %d) = %d units', (amount, fps, expected) => {
    expect(sharesForAmount(amount, fps)).toBe(expected)
  })

  test('a point counts as one share before weighting', () => {
    expect(pointsToUnits(90)).toBe(900_000)
  })
})

describe('display formatting', () => {
  test.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [123456, '¥1,234.56'],
    [100000000, '¥1,000,000.00'],
    [-1230, '-¥12.30'],
  ])('formatFen(%d) = %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })

  test('formatYuanPlain', () => {
    expect(formatYuanPlain(123456)).toBe('1234.56')
  })

  test.each([
    ['12', 1200],
    ['12.3', 1230],
    ['12.30', 1230],
    ['0.01', 1],
    ['¥1,234.56', 123456],
    [' 8 ', 800],
  ])('parseYuan(%j) = %d', (text, fen) => {
    expect(parseYuan(text)).toBe(fen)
  })

  test.each(['', 'abc', '1.234', '-5', '1e3', '12.', '.5'])('parseYuan(%j) is refused', (text) => {
    expect(parseYuan(text)).toBeNull()
  })

  test('parseYuan round-trips formatFen for every amount', () => {
    fc.assert(fc.property(fc.nat({ max: 10 ** 12 }), (fen) => parseYuan(formatFen(fen)) === fen), { seed: testSeed('parseYuan') })
  })

  test('formatShares shows four decimals and the chosen label', () => {
    expect(formatShares(123456)).toBe('12.3456 股')
    expect(formatShares(10000, 'rebate')).toBe('1.0000 积分')
    expect(formatShares(12345678901)).toBe('1,234,567.8901 股')
  })

  test('formatPercent works past 2^53 and rounds half up', () => {
    expect(formatPercent(1, 3)).toBe('33.33%')
    expect(formatPercent(2, 3)).toBe('66.67%')
    expect(formatPercent(1, 8, 1)).toBe('12.5%')
    expect(formatPercent('10000000000000000000', '30000000000000000000')).toBe('33.33%')
    expect(formatPercent(0, 0)).toBe('0%')
  })
})
