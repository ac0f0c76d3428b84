import { periodOf, previousPeriod, settlementDueMs, type Period } from '../period/calendar'
import type { PeriodLength } from '../../types/rules'

export type SettlementReadiness =
  | { readonly state: 'not_due'; readonly dueAtMs: number }
  | { readonly state: 'awaiting_profit'; readonly dueAtMs: number }
  | { readonly state: 'ready'; readonly dueAtMs: number }

/**
 * SPEC §5: a period's settlement is due when it has ended and freezeDays have passed (so every purchase in it
 * is at least freezeDays old), and it can run only once profit is declared; until then the owner is reminded.
 */
export function settlementReadiness(period: Period, freezeDays: number, profitDeclared: boolean, nowMs: number): SettlementReadiness {
  const dueAtMs = settlementDueMs(period, freezeDays)
  if (nowMs < dueAtMs) return { state: 'not_due', dueAtMs }
  return { state: profitDeclared ? 'ready' : 'awaiting_profit', dueAtMs }
}

/** The most recent period whose settlement is due at `nowMs` (the daily timer looks at this one). */
export function latestDuePeriod(length: PeriodLength, freezeDays: number, nowMs: number): Period {
  let p = previousPeriod(periodOf(nowMs, length))
  while (settlementDueMs(p, freezeDays) > nowMs) p = previousPeriod(p)
  return p
}
