import fc from 'fast-check'
import { computeSettlement } from '../../domain/settlement/computeSettlement'
import { settlementBreaches } from '../../domain/settlement/invariants'
import { planRefund, clawbackFen } from '../../domain/checkout/refund'
import type { SettlementInput, SettlementTable } from '../../types/settlement'
import { member, settlementInput } from '../support/settlementInput'
import { referenceSettlement } from '../support/referenceSettlement'
import { testSeed } from '../support/seed'

/** Every computed table must satisfy SPEC §5's invariants: checked after every case. */
function settle(input: SettlementInput): SettlementTable {
  const table = computeSettlement(input)
  expect(settlementBreaches(table)).toEqual([])
  return table
}

const amounts = (t: SettlementTable) => Object.fromEntries(t.members.map((m) => [m.memberId, m.amountFen]))

describe('settlement: hand-computed examples', () => {
  test('a 3-member store with default rules', () => {
    // profit ¥10,000 → pool floor(1,000,000 × 0.15) = 150,000; reserveIn 15,000; distributable 135,000.
    // index (10⁻⁸ 股): A 1·100股 = 10,000·1,000,000 = 1e10; B 1·50股 + 0.3·10股 = 5e9 + 3e8 = 5.3e9;
    // C 0.01·30 points = 100·30·10,000 = 3e7. Σ = 1.533e10.
    // quotas 88,062.62 / 46,673.19 / 264.19 → floors sum to 134,999; the last fen to A (.62 is largest).
    const t = settle(
      settlementInput({
        profitFen: 1_000_000,
        members: [
          member('A', { ownUnits: 1_000_000 }),
          member('B', { ownUnits: 500_000, referredUnits: 100_000 }),
          member('C', { points: 30 }),
        ],
      }),
    )
    expect(t.totals).toMatchObject({
      poolFen: 150_000,
      reserveInFen: 15_000,
      reserveDrawFen: 0,
      distributableFen: 135_000,
      staffPoolFen: 0,
      memberPoolFen: 135_000,
      reserveAfterFen: 15_000,
      totalIndex: '15330000000',
      membersPaid: 3,
    })
    expect(amounts(t)).toEqual({ A: 88_063, B: 46_673, C: 264 })
    expect(t.members.map((m) => m.index)).toEqual([1e10, 5.3e9, 3e7])
  })

  test('ties are broken by memberId in plain string order, whatever the input order', () => {
    // profit 667 → pool 100 (floor 100.05); reserveIn 10; 90 … use a reserve ratio of 0 to split 100.
    const input = settlementInput({
      profitFen: 667,
      rules: { reserveRatio: 0 },
      members: [member('m3', { ownUnits: 5 }), member('m1', { ownUnits: 5 }), member('m2', { ownUnits: 5 })],
    })
    const t = settle(input)
    expect(t.totals.distributableFen).toBe(100)
    expect(t.members.map((m) => [m.memberId, m.amountFen])).toEqual([
      ['m1', 34],
      ['m2', 33],
      ['m3', 33],
    ])
    // "m10" < "m9" as strings: plain string order, not numeric.
    const t2 = settle(
      settlementInput({ profitFen: 667, rules: { reserveRatio: 0 }, members: [member('m9', { ownUnits: 1 }), member('m10', { ownUnits: 1 })] }),
    )
    expect(amounts(t2)).toEqual({ m10: 50, m9: 50 })
    const t3 = settle(
      settlementInput({ profitFen: 7, rules: { reserveRatio: 0, poolRatio: 1 }, members: [member('m9', { ownUnits: 1 }), member('m10', { ownUnits: 1 })] }),
    )
    expect(amounts(t3)).toEqual({ m10: 4, m9: 3 })
  })

  test('a zero-index member appears in the table with 0 and no share of the pool', () => {
    // distributable 135,000 over 1,234,567 and 7,654,321 units: 18,749.988 and 116,250.012 → 18,750 / 116,250.
    const t = settle(
      settlementInput({
        profitFen: 1_000_000,
        members: [member('a-zero'), member('b', { ownUnits: 1_234_567 }), member('c', { ownUnits: 7_654_321 })],
      }),
    )
    expect(amounts(t)).toEqual({ 'a-zero': 0, b: 18_750, c: 116_250 })
    expect(t.totals.membersPaid).toBe(2)
    expect(t.members[0]).toMatchObject({ memberId: 'a-zero', index: 0, amountFen: 0 })
  })

  test('a frozen member is allocated like the others and marked frozen', () => {
    const t = settle(
      settlementInput({
        profitFen: 1_000_000,
        members: [member('f', { ownUnits: 1_000_000, frozen: true }), member('g', { ownUnits: 1_000_000 })],
      }),
    )
    expect(amounts(t)).toEqual({ f: 67_500, g: 67_500 })
    expect(t.members.find((m) => m.memberId === 'f')?.frozen).toBe(true)
    expect(t.totals.frozenPaidFen).toBe(67_500)
  })

  test('the floor draws from a reserve too small to cover it, and never beyond it', () => {
    // profit 100,000 → pool 15,000; reserveIn 1,500; pool − reserveIn = 13,500 < floor 50,000: need 36,500,
    // but the reserve holds 20,000 → draw 20,000; distributable 33,500; reserve after 20,000 + 1,500 − 20,000.
    const t = settle(
      settlementInput({
        profitFen: 100_000,
        reserveBeforeFen: 20_000,
        rules: { floorFen: 50_000 },
        members: [member('a', { ownUnits: 10_000 })],
      }),
    )
    expect(t.totals).toMatchObject({ poolFen: 15_000, reserveInFen: 1_500, reserveDrawFen: 20_000, distributableFen: 33_500, reserveAfterFen: 1_500 })
    expect(amounts(t)).toEqual({ a: 33_500 })
  })

  test('a floor already covered by the pool draws nothing', () => {
    const t = settle(
      settlementInput({ profitFen: 1_000_000, reserveBeforeFen: 99_999, rules: { floorFen: 100_000 }, members: [member('a', { ownUnits: 1 })] }),
    )
    expect(t.totals.reserveDrawFen).toBe(0)
    expect(t.totals.reserveAfterFen).toBe(99_999 + 15_000)
  })

  test('staff share split by captured sales', () => {
    // distributable 135,000; staffRatio 0.3 → 40,500 over sales 100,001 / 200,000 / 0:
    // quotas 13,500.09 / 26,999.91 / 0 → floors 13,500 + 26,999; the leftover fen to s2 (.91).
    const t = settle(
      settlementInput({
        profitFen: 1_000_000,
        rules: { staffRatio: 0.3 },
        members: [member('a', { ownUnits: 1 })],
        staff: [
          { staffId: 's2', salesFen: 200_000 },
          { staffId: 's1', salesFen: 100_001 },
          { staffId: 's3', salesFen: 0 },
        ],
      }),
    )
    expect(t.totals.staffPoolFen).toBe(40_500)
    expect(t.staff).toEqual([
      { staffId: 's1', salesFen: 100_001, amountFen: 13_500 },
      { staffId: 's2', salesFen: 200_000, amountFen: 27_000 },
      { staffId: 's3', salesFen: 0, amountFen: 0 },
    ])
    expect(amounts(t)).toEqual({ a: 94_500 })
  })

  test('no staff sales: the staff pool is 0 and members get everything', () => {
    const t = settle(
      settlementInput({
        profitFen: 1_000_000,
        rules: { staffRatio: 0.3 },
        members: [member('a', { ownUnits: 1 })],
        staff: [{ staffId: 's1', salesFen: 0 }],
      }),
    )
    expect(t.totals.staffPoolFen).toBe(0)
    expect(amounts(t)).toEqual({ a: 135_000 })
  })

  test('an empty period: the member pool goes to the reserve', () => {
    const t = settle(settlementInput({ profitFen: 1_000_000, reserveBeforeFen: 5, members: [member('idle')] }))
    expect(t.totals).toMatchObject({ memberPoolFen: 135_000, unallocatedFen: 135_000, reserveAfterFen: 5 + 15_000 + 135_000, membersPaid: 0 })
    expect(amounts(t)).toEqual({ idle: 0 })
    const none = settle(settlementInput({ profitFen: 1_000_000 }))
    expect(none.totals.unallocatedFen).toBe(135_000)
    expect(none.members).toEqual([])
  })

  test('a declared loss (profit 0) pays nothing and only the floor can draw', () => {
    const t = settle(
      settlementInput({ profitFen: 0, reserveBeforeFen: 300, rules: { floorFen: 1_000 }, members: [member('a', { ownUnits: 9 }), member('b', { ownUnits: 1 })] }),
    )
    expect(t.totals).toMatchObject({ poolFen: 0, reserveDrawFen: 300, distributableFen: 300, reserveAfterFen: 0 })
    expect(amounts(t)).toEqual({ a: 270, b: 30 })
  })

  test('interaction points count up to the cap of the period', () => {
    // Two members with only points, 90 (the cap) and 500 (capped to 90): equal indexes, equal split.
    const t = settle(
      settlementInput({ profitFen: 1_000_000, members: [member('a', { points: 90 }), member('b', { points: 500 })] }),
    )
    expect(t.members.map((m) => m.pointsCounted)).toEqual([90, 90])
    expect(t.members.map((m) => m.index)).toEqual([100 * 90 * 10_000, 100 * 90 * 10_000])
    expect(amounts(t)).toEqual({ a: 67_500, b: 67_500 })
  })

  test('a partial refund before settlement simply no longer counts', () => {
    // A bought ¥300 (3 股) and refunded ¥100.50 before the snapshot: it counts floor(19,950 × 10,000 / 10,000)
    // = 19,950 units, against B's 10,000 units: 135,000 × 19,950/29,950 = 89,924.87 → 89,925; B 45,075.
    const refund = planRefund({ amountFen: 30_000, offsetFen: 0, sharesUnits: 30_000, refundedFen: 0, fenPerShare: 10_000 }, 10_050)
    if (!refund.ok) throw new Error('refund refused')
    expect(refund.value.remainingSharesUnits).toBe(19_950)
    const t = settle(
      settlementInput({
        profitFen: 1_000_000,
        members: [member('A', { ownUnits: refund.value.remainingSharesUnits }), member('B', { ownUnits: 10_000 })],
      }),
    )
    expect(amounts(t)).toEqual({ A: 89_925, B: 45_075 })
  })

  test('a partial refund after settlement claws back from that settlement’s figures', () => {
    // A was paid 88,063 with index 1e10 (100 股 own). Refunding ¥25 of a ¥100 purchase (fenPerShare 10,000)
    // takes back 2,500 units: clawback floor(88,063 × 10,000 × 2,500 / 1e10) = floor(220.1575) = 220.
    const refund = planRefund({ amountFen: 10_000, offsetFen: 0, sharesUnits: 10_000, refundedFen: 0, fenPerShare: 10_000 }, 2_500)
    if (!refund.ok) throw new Error('refund refused')
    expect(refund.value.sharesRefundedUnits).toBe(2_500)
    expect(clawbackFen({ dividendFen: 88_063, ownWeight: 1, index: 1e10 }, refund.value.sharesRefundedUnits)).toBe(220)
    // With w.own = 0.5 the refunded shares weighed half as much in the index: floor(110.07875) = 110.
    expect(clawbackFen({ dividendFen: 88_063, ownWeight: 0.5, index: 1e10 }, 2_500)).toBe(110)
  })
})

describe('settlement: properties', () => {
  const componentArb = fc.record({
    ownUnits: fc.oneof(fc.constant(0), fc.nat({ max: 50_000_000 })),
    referredUnits: fc.oneof(fc.constant(0), fc.nat({ max: 20_000_000 })),
    points: fc.oneof(fc.constant(0), fc.nat({ max: 200 })),
    heldUnits: fc.oneof(fc.constant(0), fc.nat({ max: 100_000_000 })),
    frozen: fc.boolean(),
  })
  const ratio = (max: number) => fc.integer({ min: 0, max: max * 10_000 }).map((n) => n / 10_000)
  const inputArb = fc
    .record({
      profitFen: fc.oneof(fc.nat({ max: 1000 }), fc.nat({ max: 10_000_000_000 })),
      reserveBeforeFen: fc.nat({ max: 100_000_000 }),
      floorFen: fc.oneof(fc.constant(0), fc.nat({ max: 10_000_000 })),
      poolRatio: ratio(1),
      reserveRatio: ratio(1),
      staffRatio: ratio(1),
      weights: fc.record({ own: ratio(10), referred: ratio(10), interaction: ratio(10), held: ratio(10) }),
      cap: fc.nat({ max: 120 }),
      members: fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 6 }), componentArb), {
        selector: ([id]) => id,
        maxLength: 40,
      }),
      staff: fc.uniqueArray(fc.tuple(fc.string({ minLength: 1, maxLength: 4 }), fc.nat({ max: 10_000_000 })), {
        selector: ([id]) => id,
        maxLength: 5,
      }),
    })
    .map((r) =>
      settlementInput({
        profitFen: r.profitFen,
        reserveBeforeFen: r.reserveBeforeFen,
        rules: {
          poolRatio: r.poolRatio,
          reserveRatio: r.reserveRatio,
          staffRatio: r.staffRatio,
          floorFen: r.floorFen,
          weights: r.weights,
          interaction: { capPerPeriod: r.cap },
        },
        members: r.members.map(([id, c]) => member(id, c)),
        staff: r.staff.map(([staffId, salesFen]) => ({ staffId, salesFen })),
      }),
    )

  test('agrees to the fen with an independent implementation of SPEC §5', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const t = settle(input)
        const ref = referenceSettlement(input)
        expect(t.totals.poolFen).toBe(Number(ref.pool))
        expect(t.totals.reserveInFen).toBe(Number(ref.reserveIn))
        expect(t.totals.reserveDrawFen).toBe(Number(ref.reserveDraw))
        expect(t.totals.distributableFen).toBe(Number(ref.distributable))
        expect(t.totals.staffPoolFen).toBe(Number(ref.staffPool))
        expect(t.totals.unallocatedFen).toBe(Number(ref.unallocated))
        expect(t.totals.reserveAfterFen).toBe(Number(ref.reserveAfter))
        for (const m of t.members) expect(m.amountFen).toBe(Number(ref.members.get(m.memberId)))
        for (const s of t.staff) expect(s.amountFen).toBe(Number(ref.staff.get(s.staffId)))
      }),
      { seed: testSeed('settlement vs reference'), numRuns: 500 },
    )
  })

  test('Σ paid = distributable exactly, with no negative amount', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const t = settle(input)
        const paid = t.members.reduce((s, m) => s + m.amountFen, 0) + t.staff.reduce((s, m) => s + m.amountFen, 0)
        expect(paid + t.totals.unallocatedFen).toBe(t.totals.distributableFen)
        expect(t.members.every((m) => m.amountFen >= 0) && t.staff.every((s) => s.amountFen >= 0)).toBe(true)
      }),
      { seed: testSeed('settlement sum') },
    )
  })

  test('each amount is within 1 fen of its exact quota', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const t = settle(input)
        const total = BigInt(t.totals.totalIndex)
        if (total === 0n) return
        for (const m of t.members) {
          const scaled = BigInt(t.totals.memberPoolFen) * BigInt(m.index) // quota × total
          const amountScaled = BigInt(m.amountFen) * total
          const diff = amountScaled > scaled ? amountScaled - scaled : scaled - amountScaled
          expect(diff < total).toBe(true)
        }
      }),
      { seed: testSeed('settlement quota') },
    )
  })

  test('a permutation of members changes nothing', () => {
    fc.assert(
      fc.property(inputArb, fc.nat(), (input, salt) => {
        const shuffled = [...input.members]
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = (salt + i * 7919) % (i + 1)
          ;[shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!]
        }
        expect(settle({ ...input, members: shuffled, staff: [...input.staff].reverse() })).toEqual(settle(input))
      }),
      { seed: testSeed('settlement permutation') },
    )
  })

  test('the same input gives the same output', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(settle(input)).toEqual(settle(structuredClone(input)))
      }),
      { seed: testSeed('settlement determinism'), numRuns: 50 },
    )
  })

  test('more index never earns less', () => {
    fc.assert(
      fc.property(inputArb, fc.nat({ max: 5_000_000 }), (input, extra) => {
        if (input.members.length === 0 || input.rules.weights.own === 0) return
        const first = input.members[0]!
        const more = { ...input, members: [{ ...first, ownUnits: first.ownUnits + extra }, ...input.members.slice(1)] }
        const before = settle(input).members.find((m) => m.memberId === first.memberId)!
        const after = settle(more).members.find((m) => m.memberId === first.memberId)!
        expect(after.amountFen).toBeGreaterThanOrEqual(before.amountFen)
      }),
      { seed: testSeed('settlement monotone') },
    )
  })

  test('a member with more index than another never gets less in the same settlement', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const rows = settle(input).members
        for (const a of rows) for (const b of rows) if (a.index > b.index) expect(a.amountFen).toBeGreaterThanOrEqual(b.amountFen)
      }),
      { seed: testSeed('settlement order') },
    )
  })

  test('refused inputs: duplicate member, negative component', () => {
    expect(() => computeSettlement(settlementInput({ members: [member('a'), member('a')] }))).toThrow(/duplicate/)
    expect(() => computeSettlement(settlementInput({ members: [member('b'), member('a'), member('b')] }))).toThrow(/duplicate/)
    expect(() => computeSettlement(settlementInput({ members: [member('a', { ownUnits: -1 })] }))).toThrow(RangeError)
    expect(() => computeSettlement(settlementInput({ profitFen: 1.5 }))).toThrow(RangeError)
  })

})
