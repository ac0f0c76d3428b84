import type { RuleBounds, RuleSet } from '../../types/rules'
import { BOUNDED_FIELDS, type BoundedField } from '../../types/rules'

/**
 * A chain without a unified pool lets each branch set its own rules within bounds HQ sets (SPEC §1).
 * Only numeric fields that shape the money are bounded; labels, fraud thresholds and period length are the
 * branch's own business.
 */
export interface BoundViolation {
  readonly field: BoundedField
  readonly value: number
  readonly min: number | null
  readonly max: number | null
}

export function ruleValue(rules: RuleSet, field: BoundedField): number {
  switch (field) {
    case 'weights.own':
      return rules.weights.own
    case 'weights.referred':
      return rules.weights.referred
    case 'weights.interaction':
      return rules.weights.interaction
    case 'withdrawal.feeRatio':
      return rules.withdrawal.feeRatio
    case 'withdrawal.minFen':
      return rules.withdrawal.minFen
    default:
      return rules[field]
  }
}

/** Every bounded field of `rules` outside HQ's bounds, in the fixed field order. */
export function boundViolations(rules: RuleSet, bounds: RuleBounds): BoundViolation[] {
  const out: BoundViolation[] = []
  for (const field of BOUNDED_FIELDS) {
    const bound = bounds[field]
    if (!bound) continue
    const value = ruleValue(rules, field)
    const min = bound.min ?? null
    const max = bound.max ?? null
    if ((min !== null && value < min) || (max !== null && value > max)) out.push({ field, value, min, max })
  }
  return out
}
