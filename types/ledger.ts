import type { Fen } from './money'

/** SPEC §7: the ledger's entry kinds. Corrections are new entries, never edits. */
export const LEDGER_KINDS = [
  'dividend',
  'staff_dividend',
  'offset',
  'offset_refund',
  'withdrawal_hold',
  'withdrawal_release',
  'withdrawal_paid',
  'withdrawal_fee',
  'clawback',
  'freeze',
  'unfreeze',
  'forfeit',
  'adjustment',
  'reserve_in',
  'reserve_draw',
  'reserve_unallocated',
] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]

/**
 * How an entry moves an account's three buckets. `amountFen` is the net change of the account's total,
 * always the sum of the three deltas, so Σ entries = available + held + frozen holds by construction.
 */
export interface LedgerEffect {
  readonly kind: LedgerKind
  readonly amountFen: Fen
  readonly availableDeltaFen: Fen
  readonly heldDeltaFen: Fen
  readonly frozenDeltaFen: Fen
}

export interface AccountBalances {
  readonly availableFen: Fen
  readonly heldFen: Fen
  readonly frozenFen: Fen
}
