import { checkReferralBinding, maskedName, referralToUse, withinReferralWindow, REFERRAL_KEEP_MS } from '../../domain/referral/binding'
import { aggregateComponents } from '../../domain/settlement/components'
import { periodFromId } from '../../domain/period/calendar'

const referrer = { memberId: 'B', openid: 'oB', referredByMemberId: null }

describe('referral binding (SPEC §6), checks in order', () => {
  test.each([
    ['unknown code', { referrer: null, callerIsNewToScope: false }, 'referral_unknown_code'],
    ['caller already a member', { callerIsNewToScope: false, callerOpenid: 'oB' }, 'referral_not_new'],
    ['self by openid', { callerOpenid: 'oB' }, 'referral_self'],
    ['self by member id', { callerMemberId: 'B' }, 'referral_self'],
    ['B was referred by A', { referrer: { ...referrer, referredByMemberId: 'A' } }, 'referral_cycle'],
  ] as const)('%s → %s', (_name, over, code) => {
    const r = checkReferralBinding({ referrer, callerOpenid: 'oA', callerIsNewToScope: true, callerMemberId: 'A', ...over })
    expect(r).toEqual({ ok: false, code })
  })

  test('a new person binds to the referrer', () => {
    expect(checkReferralBinding({ referrer, callerOpenid: 'oA', callerIsNewToScope: true, callerMemberId: 'A' })).toEqual({
      ok: true,
      value: { referrerMemberId: 'B' },
    })
  })
})

describe('which opened referral counts', () => {
  const now = 1_000_000_000_000
  test('the most recent within 7 days', () => {
    expect(
      referralToUse(
        [
          { referralCode: 'old', openedAtMs: now - 3000 },
          { referralCode: 'new', openedAtMs: now - 1000 },
          { referralCode: 'mid', openedAtMs: now - 2000 },
        ],
        now,
      ),
    ).toBe('new')
  })
  test('older than 7 days or in the future: ignored', () => {
    expect(referralToUse([{ referralCode: 'stale', openedAtMs: now - REFERRAL_KEEP_MS - 1 }], now)).toBeNull()
    expect(referralToUse([{ referralCode: 'edge', openedAtMs: now - REFERRAL_KEEP_MS }], now)).toBe('edge')
    expect(referralToUse([{ referralCode: 'future', openedAtMs: now + 1 }], now)).toBeNull()
    expect(referralToUse([], now)).toBeNull()
  })
})

describe('referral window and masking', () => {
  test('window runs from binding for windowDays', () => {
    const day = 86_400_000
    expect(withinReferralWindow(0, 0, 365)).toBe(true)
    expect(withinReferralWindow(0, 365 * day - 1, 365)).toBe(true)
    expect(withinReferralWindow(0, 365 * day, 365)).toBe(false)
    expect(withinReferralWindow(10, 9, 365)).toBe(false)
  })
  test('masked names', () => {
    expect(maskedName('张三丰', 'm_000123')).toBe('张**')
    expect(maskedName('  ', 'm_000123')).toBe('会员0123')
    expect(maskedName(null, 'abc')).toBe('会员abc')
    expect(maskedName('😀smile', 'x')).toBe('😀**')
  })
})

describe('component aggregation', () => {
  test('single level: a referee’s referee never counts for the first referrer; the window is respected', () => {
    const period = periodFromId('2026Q3')
    const t = period.startMs + 1000
    const comps = aggregateComponents({
      period,
      referralWindowDays: 365,
      purchases: [
        { memberId: 'A', capturedAtMs: t, netSharesUnits: 100 },
        { memberId: 'B', capturedAtMs: t, netSharesUnits: 200 }, // B referred by A
        { memberId: 'C', capturedAtMs: t, netSharesUnits: 400 }, // C referred by B: counts for B only
        { memberId: 'D', capturedAtMs: t, netSharesUnits: 800 }, // D referred by A, window over
        { memberId: 'A', capturedAtMs: period.endMs, netSharesUnits: 1600 }, // next period
        { memberId: 'E', capturedAtMs: t, netSharesUnits: 0 }, // fully refunded
      ],
      referrals: [
        { refereeId: 'B', referrerId: 'A', boundAtMs: period.startMs },
        { refereeId: 'C', referrerId: 'B', boundAtMs: period.startMs },
        { refereeId: 'D', referrerId: 'A', boundAtMs: t - 400 * 86_400_000 },
      ],
      points: new Map([['F', 5]]),
      heldUnits: new Map([['A', 7]]),
      frozen: new Set(['D']),
    })
    expect(comps).toEqual([
      { memberId: 'A', ownUnits: 100, referredUnits: 200, points: 0, heldUnits: 7, frozen: false },
      { memberId: 'B', ownUnits: 200, referredUnits: 400, points: 0, heldUnits: 0, frozen: false },
      { memberId: 'C', ownUnits: 400, referredUnits: 0, points: 0, heldUnits: 0, frozen: false },
      { memberId: 'D', ownUnits: 800, referredUnits: 0, points: 0, heldUnits: 0, frozen: true },
      { memberId: 'F', ownUnits: 0, referredUnits: 0, points: 5, heldUnits: 0, frozen: false },
    ])
  })
})
