import { defaultRuleSet } from '../../types/rules'
import type { MemberComponents, SettlementInput, SettlementRules } from '../../types/settlement'

export function member(memberId: string, c: Partial<Omit<MemberComponents, 'memberId'>> = {}): MemberComponents {
  return { memberId, ownUnits: 0, referredUnits: 0, points: 0, heldUnits: 0, frozen: false, ...c }
}

export function settlementInput(overrides: Partial<Omit<SettlementInput, 'rules'>> & { rules?: Partial<SettlementRules> } = {}): SettlementInput {
  const d = defaultRuleSet()
  const rules: SettlementRules = {
    weights: d.weights,
    poolRatio: d.poolRatio,
    reserveRatio: d.reserveRatio,
    floorFen: d.floorFen,
    staffRatio: d.staffRatio,
    interaction: d.interaction,
    ...overrides.rules,
  }
  return {
    scopeId: 'scope1',
    periodId: '2026Q3',
    ruleVersion: 1,
    profitFen: 0,
    reserveBeforeFen: 0,
    members: [],
    staff: [],
    ...overrides,
    rules,
  }
}
