import type { RuleSet, RuleVersion } from '../../types/rules'
import { nextPeriod, periodOf } from '../period/calendar'

/**
 * The version in force at an instant: the latest version whose effectiveFrom has arrived. A period uses
 * the version in force at its start, so an edit never changes a running period (SPEC §3: 可预期).
 */
export function ruleVersionAt(history: readonly RuleVersion[], instantMs: number): RuleVersion {
  let found: RuleVersion | undefined
  for (const v of history) {
    if (v.effectiveFromMs <= instantMs && (!found || v.version > found.version)) found = v
  }
  if (!found) throw new RangeError('no rule version in force at that instant')
  return found
}

/**
 * When an edit made at `nowMs` takes effect: the next period start (SPEC §3). A change of periodLength waits
 * for the next instant that starts a period under both lengths (a quarter start), so periods never overlap.
 */
export function editEffectiveFromMs(current: RuleSet, edited: RuleSet, nowMs: number): number {
  const next = nextPeriod(periodOf(nowMs, current.periodLength)).startMs
  if (current.periodLength === edited.periodLength) return next
  return periodOf(next, 'quarter').startMs === next ? next : nextPeriod(periodOf(next, 'quarter')).startMs
}

/**
 * The version an edit creates. Edits in the same period all take effect at the same start; the highest
 * version wins, so the last edit before the period starts is the one used.
 */
export function newRuleVersion(history: readonly RuleVersion[], edited: RuleSet, nowMs: number): RuleVersion {
  const current = ruleVersionAt(history, nowMs)
  const latest = history.reduce((max, v) => Math.max(max, v.version), 0)
  return {
    version: latest + 1,
    rules: edited,
    effectiveFromMs: editEffectiveFromMs(current.rules, edited, nowMs),
    createdAtMs: nowMs,
  }
}

/** A scope's first version: in force from the start of the period it was created in. */
export function initialRuleVersion(rules: RuleSet, nowMs: number): RuleVersion {
  return { version: 1, rules, effectiveFromMs: periodOf(nowMs, rules.periodLength).startMs, createdAtMs: nowMs }
}
