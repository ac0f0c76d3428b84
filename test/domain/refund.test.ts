import fc from 'fast-check'
import { clawbackFen, planRefund, type RefundablePurchase } from '../../domain/checkout/refund'
import { sharesForAmount } from '../../domain/money/shares'
import { testSeed } from '../support/seed'

const purchase = (over: Partial<RefundablePurchase> = {}): RefundablePurchase => ({
  amountFen: 10_000,
  offsetFen: 2_000,
  sharesUnits: 10_000,
  refundedFen: 0,
  fenPerShare: 10_000,
  ...over,
})

describe('refund arithmetic (SPEC §4.5)', () => {
  test('full refund: all shares back, the whole offset to the balance, the rest in cash', () => {
    const r = planRefund(purchase(), 10_000)
    expect(r).toEqual({
      ok: true,
      value: { refundFen: 10_000, sharesRefundedUnits: 10_000, offsetRefundFen: 2_000, cashRefundFen: 8_000, remainingFen: 0, remainingSharesUnits: 0 },
    })
  })

  test('partial refund: shares by the remaining amount, offset in proportion, floored', () => {
    // ¥100 with ¥20 offset, fenPerShare 30,000 (3,333 units). Refund ¥33.33:
    // remaining 6,667 → floor(6,667 × 10,000 / 30,000) = 2,222 units, so 1,111 refunded;
    // offset back floor(3,333 × 2,000 / 10,000) = 666; cash 2,667.
    const r = planRefund(purchase({ fenPerShare: 30_000, sharesUnits: 3_333 }), 3_333)
    expect(r).toMatchObject({ ok: true, value: { sharesRefundedUnits: 1_111, offsetRefundFen: 666, cashRefundFen: 2_667, remainingSharesUnits: 2_222 } })
  })

  test('a second partial refund takes only the difference in shares', () => {
    const p = purchase({ fenPerShare: 30_000, sharesUnits: 3_333, refundedFen: 3_333 })
    const r = planRefund(p, 6_667)
    expect(r).toMatchObject({ ok: true, value: { sharesRefundedUnits: 2_222, remainingFen: 0, remainingSharesUnits: 0 } })
  })

  test.each([0, -1, 10_001, 1.5, Number.NaN])('refund of %p is refused', (fen) => {
    expect(planRefund(purchase(), fen)).toEqual({ ok: false, code: 'refund_invalid_amount' })
  })

  test('over partial refunds, shares refunded add up to the original and cash + offset to the amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.nat({ max: 10_000 }),
        fc.array(fc.integer({ min: 1, max: 1_000_000 }), { minLength: 1, maxLength: 6 }),
        (amountFen, fenPerShare, offsetPermille, cuts) => {
          const offsetFen = Math.floor((amountFen * offsetPermille) / 10_000)
          const sharesUnits = sharesForAmount(amountFen, fenPerShare)
          let refundedFen = 0
          let shares = 0
          let back = 0
          for (const cut of [...cuts, Number.MAX_SAFE_INTEGER]) {
            const left = amountFen - refundedFen
            if (left === 0) break
            const r = planRefund({ amountFen, offsetFen, sharesUnits, refundedFen, fenPerShare }, Math.min(cut, left))
            if (!r.ok) throw new Error(r.code)
            refundedFen += r.value.refundFen
            shares += r.value.sharesRefundedUnits
            back += r.value.offsetRefundFen + r.value.cashRefundFen
            expect(r.value.offsetRefundFen).toBeLessThanOrEqual(offsetFen)
          }
          expect(shares).toBe(sharesUnits)
          expect(back).toBe(amountFen)
        },
      ),
      { seed: testSeed('refund totals') },
    )
  })

  test('clawback is zero without a dividend or index and never exceeds the dividend', () => {
    expect(clawbackFen({ dividendFen: 0, ownWeight: 1, index: 1e10 }, 100)).toBe(0)
    expect(clawbackFen({ dividendFen: 500, ownWeight: 1, index: 0 }, 100)).toBe(0)
    // Refunding all of the member's own shares when own was their whole index takes back the whole dividend.
    expect(clawbackFen({ dividendFen: 500, ownWeight: 1, index: 10_000 * 30_000 }, 30_000)).toBe(500)
  })
})
