import { applyEffect, EMPTY_BALANCES, ledgerEffects } from '../../domain/wallet/ledgerEffects'
import {
  countsTowardDailyLimit,
  planWithdrawalRequest,
  transitionWithdrawal,
  type WithdrawalEvent,
  type WithdrawalStatus,
} from '../../domain/wallet/withdrawal'
import { defaultRuleSet } from '../../types/rules'
import type { AccountBalances, LedgerEffect } from '../../types/ledger'

const rules = defaultRuleSet().withdrawal
const balances: AccountBalances = { availableFen: 10_000, heldFen: 0, frozenFen: 0 }

const apply = (b: AccountBalances, effects: readonly LedgerEffect[]) => effects.reduce(applyEffect, b)
const total = (b: AccountBalances) => b.availableFen + b.heldFen + b.frozenFen

describe('withdrawal request checks (SPEC §7), in order', () => {
  test.each<[string, Partial<Parameters<typeof planWithdrawalRequest>[0]>, string]>([
    ['not an amount', { amountFen: 0 }, 'invalid_input'],
    ['frozen member', { memberFrozen: true, amountFen: 1 }, 'withdrawal_member_frozen'],
    ['below the minimum', { amountFen: 999 }, 'withdrawal_below_min'],
    ['above the balance', { amountFen: 10_001 }, 'withdrawal_insufficient_balance'],
    ['over the daily limit', { amountFen: 5_000, requestedTodayFen: 495_001, balances: { ...balances, availableFen: 1e9 } }, 'withdrawal_daily_limit'],
  ])('%s → %s', (_name, over, code) => {
    const r = planWithdrawalRequest({ amountFen: 5_000, balances, memberFrozen: false, requestedTodayFen: 0, rules, ...over })
    expect(r).toMatchObject({ ok: false, code })
  })

  test('exactly at the daily limit is allowed', () => {
    const r = planWithdrawalRequest({ amountFen: 5_000, balances: { ...balances, availableFen: 1e9 }, memberFrozen: false, requestedTodayFen: 495_000, rules })
    expect(r.ok).toBe(true)
  })

  test('a request holds the amount at once and computes the fee', () => {
    const r = planWithdrawalRequest({ amountFen: 3_333, balances, memberFrozen: false, requestedTodayFen: 0, rules: { ...rules, feeRatio: 0.006 } })
    if (!r.ok) throw new Error(r.code)
    // fee floor(3,333 × 0.006) = floor(19.998) = 19.
    expect(r.value).toMatchObject({ amountFen: 3_333, feeFen: 19, netFen: 3_314 })
    expect(apply(balances, r.value.effects)).toEqual({ availableFen: 6_667, heldFen: 3_333, frozenFen: 0 })
  })

  test('rejected and cancelled requests do not count toward the daily limit', () => {
    const statuses: WithdrawalStatus[] = ['pending', 'approved', 'transferring', 'paid', 'rejected', 'cancelled', 'failed']
    expect(statuses.filter(countsTowardDailyLimit)).toEqual(['pending', 'approved', 'transferring', 'paid', 'failed'])
  })
})

describe('withdrawal state machine', () => {
  const amounts = { amountFen: 3_000, feeFen: 18 }
  const events: WithdrawalEvent[] = [
    { type: 'cancel' },
    { type: 'approve' },
    { type: 'reject', reason: '信息不符' },
    { type: 'markPaid', note: '微信转账' },
    { type: 'transferStarted' },
    { type: 'transferSucceeded' },
    { type: 'transferFailed', reason: 'FAIL' },
  ]
  // Every (status, event) pair: the allowed ones and where they lead; all others are withdrawal_wrong_state.
  const allowed: Record<string, WithdrawalStatus> = {
    'pending/cancel': 'cancelled',
    'pending/approve': 'approved',
    'pending/reject': 'rejected',
    'approved/markPaid': 'paid',
    'approved/transferStarted': 'transferring',
    'approved/transferFailed': 'failed',
    'transferring/transferSucceeded': 'paid',
    'transferring/transferFailed': 'failed',
  }
  const statuses: WithdrawalStatus[] = ['pending', 'approved', 'transferring', 'paid', 'rejected', 'cancelled', 'failed']
  for (const status of statuses) {
    for (const event of events) {
      const to = allowed[`${status}/${event.type}`]
      test(`${status} --${event.type}--> ${to ?? 'refused'}`, () => {
        const r = transitionWithdrawal(status, event, amounts)
        if (to) expect(r).toMatchObject({ ok: true, value: { to } })
        else expect(r).toMatchObject({ ok: false, code: 'withdrawal_wrong_state' })
      })
    }
  }

  test('rejecting needs a reason', () => {
    expect(transitionWithdrawal('pending', { type: 'reject', reason: '  ' }, amounts)).toMatchObject({ ok: false, code: 'withdrawal_reason_required' })
  })

  test('every path balances the ledger: paid takes the hold out (fee kept), released puts it back', () => {
    const held = apply(balances, [ledgerEffects.withdrawalHold(3_000)])
    const paid = transitionWithdrawal('approved', { type: 'markPaid', note: '' }, amounts)
    if (!paid.ok) throw new Error()
    expect(paid.value.effects.map((e) => [e.kind, e.amountFen])).toEqual([
      ['withdrawal_paid', -2_982],
      ['withdrawal_fee', -18],
    ])
    expect(apply(held, paid.value.effects)).toEqual({ availableFen: 7_000, heldFen: 0, frozenFen: 0 })
    for (const event of [{ type: 'cancel' }, { type: 'reject', reason: 'x' }] as WithdrawalEvent[]) {
      const r = transitionWithdrawal('pending', event, amounts)
      if (!r.ok) throw new Error()
      expect(apply(held, r.value.effects)).toEqual(balances)
    }
    const noFee = transitionWithdrawal('transferring', { type: 'transferSucceeded' }, { amountFen: 3_000, feeFen: 0 })
    if (!noFee.ok) throw new Error()
    expect(noFee.value.effects.map((e) => e.kind)).toEqual(['withdrawal_paid'])
  })
})

describe('ledger effects', () => {
  test('each effect nets to the sum of its bucket deltas', () => {
    const b = { availableFen: 500, heldFen: 20, frozenFen: 30 }
    const all = [
      ledgerEffects.dividend(100, false),
      ledgerEffects.dividend(100, true),
      ledgerEffects.staffDividend(5),
      ledgerEffects.offset(10),
      ledgerEffects.offsetRefund(10),
      ledgerEffects.withdrawalHold(7),
      ledgerEffects.withdrawalRelease(7),
      ledgerEffects.withdrawalPaid(6),
      ledgerEffects.withdrawalFee(1),
      ledgerEffects.clawback(50),
      ledgerEffects.freeze(b),
      ledgerEffects.unfreeze(b),
      ledgerEffects.forfeit(b),
      ledgerEffects.adjustment(-3),
    ]
    let running = EMPTY_BALANCES
    let sum = 0
    for (const e of all) {
      expect(e.amountFen).toBe(e.availableDeltaFen + e.heldDeltaFen + e.frozenDeltaFen)
      running = applyEffect(running, e)
      sum += e.amountFen
    }
    expect(total(running)).toBe(sum)
  })

  test('freeze moves only a positive available balance; unfreeze and forfeit empty frozen', () => {
    // toEqual tells 0 from -0: no effect may carry a negative zero into a stored document.
    expect(ledgerEffects.freeze({ availableFen: -40, heldFen: 0, frozenFen: 0 })).toEqual({
      kind: 'freeze',
      amountFen: 0,
      availableDeltaFen: 0,
      heldDeltaFen: 0,
      frozenDeltaFen: 0,
    })
    expect(Object.is(ledgerEffects.offsetRefund(0).heldDeltaFen, 0)).toBe(true)
    expect(ledgerEffects.freeze({ availableFen: 40, heldFen: 5, frozenFen: 0 })).toMatchObject({ availableDeltaFen: -40, frozenDeltaFen: 40, amountFen: 0 })
    expect(ledgerEffects.unfreeze({ availableFen: 0, heldFen: 0, frozenFen: 70 })).toMatchObject({ availableDeltaFen: 70, frozenDeltaFen: -70 })
    expect(ledgerEffects.forfeit({ availableFen: 0, heldFen: 0, frozenFen: 70 })).toMatchObject({ amountFen: -70 })
  })

  test('amounts must be non-negative integers; adjustments non-zero', () => {
    expect(() => ledgerEffects.offset(-1)).toThrow(RangeError)
    expect(() => ledgerEffects.dividend(1.5, false)).toThrow(RangeError)
    expect(() => ledgerEffects.adjustment(0)).toThrow(RangeError)
  })
})
