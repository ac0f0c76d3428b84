import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import type { PeriodLength } from '../../types/rules'

dayjs.extend(utc)

/** Periods and days are computed in this zone; instants are stored in UTC (SPEC §2). */
export const BUSINESS_TZ = 'Asia/Shanghai'
export const DAY_MS = 86_400_000

/**
 * Asia/Shanghai has been UTC+08:00 all year since daylight saving ended in September 1991, so for every
 * instant from 1992 on a fixed offset gives the same wall clock as the tz database — without the timezone
 * plugin's Intl calls on every capture. A property test checks periods and days against dayjs.tz over
 * 1992–2100 (it fails for periods that began under the 1986–1991 summer time, which this product never sees).
 */
export const BUSINESS_UTC_OFFSET_MINUTES = 8 * 60
const OFFSET_MS = BUSINESS_UTC_OFFSET_MINUTES * 60_000

/** `2026Q4` (quarter) or `2026-11` (month). Ids of one length sort in time order as plain strings. */
export type PeriodId = string

const QUARTER_RE = /^(\d{4})Q([1-4])$/
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/

export interface Period {
  readonly id: PeriodId
  readonly length: PeriodLength
  /** First instant of the period, UTC ms. */
  readonly startMs: number
  /** First instant after the period, UTC ms. */
  readonly endMs: number
}

function local(ms: number) {
  return dayjs.utc(ms).utcOffset(BUSINESS_UTC_OFFSET_MINUTES)
}

/** The period an instant falls in, e.g. a capture time (SPEC §2: a purchase belongs to its capture's period). */
export function periodOf(instantMs: number, length: PeriodLength): Period {
  const t = local(instantMs)
  const year = t.year()
  if (length === 'quarter') return periodFromId(`${year}Q${Math.floor(t.month() / 3) + 1}`)
  return periodFromId(`${year}-${String(t.month() + 1).padStart(2, '0')}`)
}

export function isPeriodId(id: string): boolean {
  return QUARTER_RE.test(id) || MONTH_RE.test(id)
}

export function periodFromId(id: PeriodId): Period {
  const quarter = QUARTER_RE.exec(id)
  if (quarter) {
    const year = Number(quarter[1])
    const firstMonth = (Number(quarter[2]) - 1) * 3
    return { id, length: 'quarter', startMs: monthStartMs(year, firstMonth), endMs: monthStartMs(year, firstMonth + 3) }
  }
  const month = MONTH_RE.exec(id)
  if (month) {
    const year = Number(month[1])
    const m = Number(month[2]) - 1
    return { id, length: 'month', startMs: monthStartMs(year, m), endMs: monthStartMs(year, m + 1) }
  }
  throw new RangeError(`not a period id: ${id}`)
}

/** Midnight in Shanghai on the first of a month (month may run past 11: it rolls into later years). */
function monthStartMs(year: number, month: number): number {
  const y = year + Math.floor(month / 12)
  const m = ((month % 12) + 12) % 12
  return Date.UTC(y, m, 1) - OFFSET_MS
}

export function nextPeriod(p: Period): Period {
  return periodOf(p.endMs, p.length)
}

export function previousPeriod(p: Period): Period {
  return periodOf(p.startMs - 1, p.length)
}

/** Settlement of a period is due once it has ended and every purchase in it has passed freezeDays (SPEC §5). */
export function settlementDueMs(p: Period, freezeDays: number): number {
  return dayDelta(p.endMs, freezeDays)
}

/** The same wall-clock time `days` later in Shanghai (no DST there, so whole days of 24 h). */
export function dayDelta(instantMs: number, days: number): number {
  return instantMs + days * DAY_MS
}

/** The Shanghai calendar day of an instant, `2026-12-04`: check-ins, daily limits, daily fraud counts. */
export function businessDay(instantMs: number): string {
  return local(instantMs).format('YYYY-MM-DD')
}

/** Start of the Shanghai day containing the instant, UTC ms. */
export function businessDayStartMs(instantMs: number): number {
  return Math.floor((instantMs + OFFSET_MS) / DAY_MS) * DAY_MS - OFFSET_MS
}

/** Wall-clock text in Shanghai for display, e.g. 2026-12-04 20:15. */
export function formatBusinessTime(instantMs: number): string {
  return local(instantMs).format('YYYY-MM-DD HH:mm')
}

/** 2026年第4季度 / 2026年11月. */
export function periodLabelZh(id: PeriodId): string {
  const quarter = QUARTER_RE.exec(id)
  if (quarter) return `${quarter[1]}年第${quarter[2]}季度`
  const month = MONTH_RE.exec(id)
  if (month) return `${month[1]}年${Number(month[2])}月`
  throw new RangeError(`not a period id: ${id}`)
}
