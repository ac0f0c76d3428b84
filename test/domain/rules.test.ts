import { lintPromotionalText, lintRules } from '../../domain/rules/lint'
import { editEffectiveFromMs, initialRuleVersion, newRuleVersion, ruleVersionAt } from '../../domain/rules/versioning'
import { periodFromId } from '../../domain/period/calendar'
import { defaultRuleSet, ruleSetSchema, type RuleSet } from '../../types/rules'

const at = (iso: string) => Date.parse(iso)

describe('rule set schema (SPEC §3)', () => {
  test('an empty object parses to the documented defaults', () => {
    expect(defaultRuleSet()).toMatchObject({
      periodLength: 'quarter',
      fenPerShare: 10_000,
      weights: { own: 1, referred: 0.3, interaction: 0.01, held: 0 },
      poolRatio: 0.15,
      reserveRatio: 0.1,
      floorFen: 0,
      staffRatio: 0,
      freezeDays: 7,
      referral: { windowDays: 365 },
      interaction: { capPerPeriod: 90 },
      checkout: { expiryMinutes: 15 },
      withdrawal: { minFen: 1000, maxPerDayFen: 500_000, feeRatio: 0 },
      payout: 'manual',
      autoCommit: false,
    })
  })

  test('a partial edit keeps the other defaults, nested ones included', () => {
    const r = ruleSetSchema.parse({ weights: { own: 2 }, withdrawal: { feeRatio: 0.006 } })
    expect(r.weights).toEqual({ own: 2, referred: 0.3, interaction: 0.01, held: 0 })
    expect(r.withdrawal).toEqual({ minFen: 1000, maxPerDayFen: 500_000, feeRatio: 0.006 })
  })

  test.each([
    ['five decimals', { poolRatio: 0.12345 }],
    ['ratio above 1', { poolRatio: 1.2 }],
    ['negative weight', { weights: { own: -1 } }],
    ['fractional fen', { floorFen: 10.5 }],
    ['fenPerShare 0', { fenPerShare: 0 }],
    ['unknown period length', { periodLength: 'week' }],
    ['weight above 10', { weights: { referred: 11 } }],
    ['float noise', { poolRatio: 0.1 + 0.2 }],
  ])('refuses %s', (_name, input) => {
    expect(ruleSetSchema.safeParse(input).success).toBe(false)
  })
})

describe('rule versioning', () => {
  const base = defaultRuleSet()
  const v1 = initialRuleVersion(base, at('2026-08-15T00:00:00Z'))

  test('the first version is in force from the start of its period', () => {
    expect(v1.effectiveFromMs).toBe(periodFromId('2026Q3').startMs)
  })

  test('an edit takes effect at the next period start, and the running period keeps its version', () => {
    const edited: RuleSet = { ...base, poolRatio: 0.2 }
    const v2 = newRuleVersion([v1], edited, at('2026-11-20T00:00:00Z'))
    expect(v2.version).toBe(2)
    expect(v2.effectiveFromMs).toBe(periodFromId('2027Q1').startMs)
    expect(ruleVersionAt([v1, v2], at('2026-12-31T15:59:59Z')).version).toBe(1)
    expect(ruleVersionAt([v1, v2], at('2026-12-31T16:00:00Z')).version).toBe(2)
  })

  test('two edits in one period: the later one is used', () => {
    const v2 = newRuleVersion([v1], { ...base, poolRatio: 0.2 }, at('2026-11-20T00:00:00Z'))
    const v3 = newRuleVersion([v1, v2], { ...base, poolRatio: 0.25 }, at('2026-11-21T00:00:00Z'))
    expect(ruleVersionAt([v1, v2, v3], periodFromId('2027Q1').startMs).rules.poolRatio).toBe(0.25)
  })

  test('a change of period length waits for a boundary both lengths share', () => {
    const monthly: RuleSet = { ...base, periodLength: 'month' }
    // month → quarter from November: not at 2026-12-01, which is no quarter start, but at 2027-01-01.
    expect(editEffectiveFromMs(monthly, base, at('2026-11-05T00:00:00Z'))).toBe(periodFromId('2027Q1').startMs)
    // month → quarter in December: the next month start is also a quarter start.
    expect(editEffectiveFromMs(monthly, base, at('2026-12-05T00:00:00Z'))).toBe(periodFromId('2027Q1').startMs)
    // quarter → month: from the next quarter start.
    expect(editEffectiveFromMs(base, monthly, at('2026-11-05T00:00:00Z'))).toBe(periodFromId('2027-01').startMs)
    // same length, monthly: next month.
    expect(editEffectiveFromMs(monthly, monthly, at('2026-11-05T00:00:00Z'))).toBe(periodFromId('2026-12').startMs)
  })

  test('no version before the first', () => {
    expect(() => ruleVersionAt([v1], v1.effectiveFromMs - 1)).toThrow(RangeError)
  })
})

describe('compliance lint', () => {
  const codes = (r: RuleSet) => lintRules(r).map((f) => `${f.severity}:${f.code}`)

  test('defaults: only the enforced guarantees', () => {
    expect(codes(defaultRuleSet())).toEqual([
      'enforced:referral_single_level',
      'enforced:join_free_no_share_sale',
      'enforced:sharing_not_rewarded',
    ])
  })

  test('risky values warn', () => {
    const r = ruleSetSchema.parse({ weights: { own: 0.5, referred: 0.6 }, floorFen: 100, poolRatio: 0.51 })
    expect(codes(r).filter((c) => c.startsWith('warning'))).toEqual([
      'warning:referred_weight_above_own',
      'warning:floor_set',
      'warning:pool_ratio_high',
    ])
  })

  test('boundaries do not warn: referred = own, poolRatio = 0.5', () => {
    const r = ruleSetSchema.parse({ weights: { own: 1, referred: 1 }, poolRatio: 0.5 })
    expect(codes(r).some((c) => c.startsWith('warning'))).toBe(false)
  })

  test('every finding has a Chinese message', () => {
    const r = ruleSetSchema.parse({ weights: { own: 0.5, referred: 0.6 }, floorFen: 100, poolRatio: 0.6 })
    for (const f of lintRules(r)) expect(f.messageZh).toMatch(/[\u4e00-\u9fff]/)
  })

  test('text promising a return is refused', () => {
    expect(lintPromotionalText('本季度消费越多，分红越多')).toEqual([])
    expect(lintPromotionalText('加入即可保证收益，稳赚不赔').map((f) => f.severity)).toEqual(['error', 'error'])
    expect(lintPromotionalText('我们承诺年化回报 8%').length).toBeGreaterThan(0)
    expect(lintPromotionalText('保证每月收益10%').length).toBeGreaterThan(0)
    expect(lintPromotionalText('会员回报率 12%').length).toBeGreaterThan(0)
    // The disclosure itself, and plain descriptions of the rules, pass.
    expect(lintPromotionalText('分红来源于门店利润，不保证收益')).toEqual([])
    expect(lintPromotionalText('门店利润的 15% 进入分红池，按贡献分配')).toEqual([])
  })
})
