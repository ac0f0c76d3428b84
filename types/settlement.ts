import type { Fen, ShareUnits } from './money'

/** One member's contribution components in a period (SPEC §5), as aggregated from purchases. */
export interface MemberComponents {
  readonly memberId: string
  /** Shares the member earned in the period, net of refunds. */
  readonly ownUnits: ShareUnits
  /** Shares earned in the period by members they directly referred, within the referral window. */
  readonly referredUnits: ShareUnits
  /** Interaction points in the period, before the cap. */
  readonly points: number
  /** Durable holdings at period start. */
  readonly heldUnits: ShareUnits
  /** Frozen members are allocated like others; their amount is credited to frozenFen (SPEC §5.5). */
  readonly frozen: boolean
}

export interface StaffSales {
  readonly staffId: string
  /** Sales captured on codes this staff member created in the period. */
  readonly salesFen: Fen
}

export interface SettlementRules {
  readonly weights: { readonly own: number; readonly referred: number; readonly interaction: number; readonly held: number }
  readonly poolRatio: number
  readonly reserveRatio: number
  readonly floorFen: Fen
  readonly staffRatio: number
  readonly interaction: { readonly capPerPeriod: number }
}

export interface SettlementInput {
  readonly scopeId: string
  readonly periodId: string
  readonly ruleVersion: number
  readonly rules: SettlementRules
  readonly profitFen: Fen
  readonly reserveBeforeFen: Fen
  readonly members: readonly MemberComponents[]
  readonly staff: readonly StaffSales[]
}

export interface SettlementMemberRow {
  readonly memberId: string
  readonly ownUnits: ShareUnits
  readonly referredUnits: ShareUnits
  /** Points after the period cap. */
  readonly pointsCounted: number
  readonly heldUnits: ShareUnits
  /**
   * Contribution index in units of 10⁻⁸ 股: Σ weight × component with weights scaled by 10,000, so it is an
   * exact integer. Divide by 10⁸ for 股.
   */
  readonly index: number
  readonly amountFen: Fen
  readonly frozen: boolean
}

export interface SettlementStaffRow {
  readonly staffId: string
  readonly salesFen: Fen
  readonly amountFen: Fen
}

export interface SettlementTotals {
  readonly scopeId: string
  readonly periodId: string
  readonly ruleVersion: number
  readonly profitFen: Fen
  readonly poolFen: Fen
  readonly reserveBeforeFen: Fen
  readonly reserveInFen: Fen
  readonly reserveDrawFen: Fen
  readonly distributableFen: Fen
  readonly staffPoolFen: Fen
  readonly memberPoolFen: Fen
  /** memberPool returned to the reserve because no member had an index above zero. */
  readonly unallocatedFen: Fen
  readonly reserveAfterFen: Fen
  /** Σ member indexes (10⁻⁸ 股) as a decimal string: it can pass 2^53. */
  readonly totalIndex: string
  readonly memberCount: number
  readonly membersPaid: number
  readonly memberPaidFen: Fen
  readonly frozenPaidFen: Fen
  readonly staffPaidFen: Fen
}

export interface SettlementTable {
  readonly totals: SettlementTotals
  /** Sorted by memberId (plain string order). */
  readonly members: readonly SettlementMemberRow[]
  /** Sorted by staffId. */
  readonly staff: readonly SettlementStaffRow[]
}
