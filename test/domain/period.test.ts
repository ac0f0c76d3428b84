import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import fc from 'fast-check'
import { testSeed } from '../support/seed'
import {
  businessDay,
  businessDayStartMs,
  nextPeriod,
  periodFromId,
  periodLabelZh,
  periodOf,
  previousPeriod,
  settlementDueMs,
} from '../../domain/period/calendar'
import { latestDuePeriod, settlementReadiness } from '../../domain/settlement/due'

const at = (iso: string) => Date.parse(iso)

describe('period calendar (Asia/Shanghai)', () => {
  test('quarter bounds are Shanghai midnights', () => {
    const q = periodFromId('2026Q4')
    expect(new Date(q.startMs).toISOString()).toBe('2026-09-30T16:00:00.000Z')
    expect(new Date(q.endMs).toISOString()).toBe('2026-12-31T16:00:00.000Z')
    expect(periodFromId('2026-02').endMs - periodFromId('2026-02').startMs).toBe(28 * 86_400_000)
  })

  test.each([
    // 2026-12-31 23:59 in Shanghai is still Q4; one minute later is 2027Q1, while UTC is still Dec 31.
    ['2026-12-31T15:59:00Z', 'quarter', '2026Q4'],
    ['2026-12-31T16:00:00Z', 'quarter', '2027Q1'],
    ['2026-03-31T16:00:00Z', 'quarter', '2026Q2'],
    ['2026-11-30T15:59:59.999Z', 'month', '2026-11'],
    ['2026-11-30T16:00:00Z', 'month', '2026-12'],
  ] as const)('%s falls in %s period %s', (iso, length, id) => {
    expect(periodOf(at(iso), length).id).toBe(id)
  })

  test('next and previous cross years', () => {
    expect(nextPeriod(periodFromId('2026Q4')).id).toBe('2027Q1')
    expect(previousPeriod(periodFromId('2027Q1')).id).toBe('2026Q4')
    expect(nextPeriod(periodFromId('2026-12')).id).toBe('2027-01')
    expect(previousPeriod(periodFromId('2026-01')).id).toBe('2025-12')
  })

  test('ids sort in time order', () => {
    expect(['2027Q1', '2026Q4', '2026Q2'].sort()).toEqual(['2026Q2', '2026Q4', '2027Q1'])
  })

  test('malformed ids are refused', () => {
    for (const id of ['2026Q5', '2026Q0', '2026-13', '2026-1', 'Q4', '']) expect(() => periodFromId(id)).toThrow(RangeError)
  })

  test('labels', () => {
    expect(periodLabelZh('2026Q4')).toBe('2026年第4季度')
    expect(periodLabelZh('2026-11')).toBe('2026年11月')
  })

  test('business days are Shanghai days', () => {
    expect(businessDay(at('2026-12-04T15:59:59Z'))).toBe('2026-12-04')
    expect(businessDay(at('2026-12-04T16:00:00Z'))).toBe('2026-12-05')
    expect(new Date(businessDayStartMs(at('2026-12-04T03:00:00Z'))).toISOString()).toBe('2026-12-03T16:00:00.000Z')
  })

  test('settlement is due at period end + freezeDays, and needs a declared profit', () => {
    const q3 = periodFromId('2026Q3')
    const due = settlementDueMs(q3, 7)
    expect(new Date(due).toISOString()).toBe('2026-10-07T16:00:00.000Z')
    expect(settlementReadiness(q3, 7, true, due - 1).state).toBe('not_due')
    expect(settlementReadiness(q3, 7, false, due).state).toBe('awaiting_profit')
    expect(settlementReadiness(q3, 7, true, due).state).toBe('ready')
  })

  test('the latest due period waits for freezeDays after a period ends', () => {
    expect(latestDuePeriod('quarter', 7, at('2026-10-03T00:00:00Z')).id).toBe('2026Q2')
    expect(latestDuePeriod('quarter', 7, at('2026-10-08T00:00:00Z')).id).toBe('2026Q3')
    expect(latestDuePeriod('month', 0, at('2026-12-04T00:00:00Z')).id).toBe('2026-11')
  })
})

describe('the fixed +08:00 offset equals the Asia/Shanghai tz database', () => {
  test('period, day and day start for random instants in 1992–2100', () => {
    dayjs.extend(utc)
    dayjs.extend(timezone)
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        const zoned = dayjs(ms).tz('Asia/Shanghai')
        expect(businessDay(ms)).toBe(zoned.format('YYYY-MM-DD'))
        expect(businessDayStartMs(ms)).toBe(zoned.startOf('day').valueOf())
        const q = periodOf(ms, 'quarter')
        expect(q.id).toBe(`${zoned.year()}Q${Math.floor(zoned.month() / 3) + 1}`)
        expect(q.startMs).toBe(dayjs.tz(`${zoned.year()}-${String(Math.floor(zoned.month() / 3) * 3 + 1).padStart(2, '0')}-01 00:00:00`, 'Asia/Shanghai').valueOf())
        expect(periodOf(ms, 'month').id).toBe(zoned.format('YYYY-MM'))
      }),
      { seed: testSeed('fixed offset vs tz database'), numRuns: 2000 },
    )
  })
})
