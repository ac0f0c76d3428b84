import type { AccountBalances, LedgerEffect, LedgerKind } from '../../types/ledger'
import type { Fen } from '../../types/money'
import { assertNonNegativeInt } from '../money/exact'

function effect(kind: LedgerKind, available: Fen, held: Fen, frozen: Fen): LedgerEffect {
  // `+ 0` turns a negated zero (-0) into 0, so stored documents and comparisons never see -0.
  return {
    kind,
    amountFen: available + held + frozen + 0,
    availableDeltaFen: available + 0,
    heldDeltaFen: held + 0,
    frozenDeltaFen: frozen + 0,
  }
}

function positive(amountFen: Fen, what: string): Fen {
  assertNonNegativeInt(amountFen, what)
  return amountFen
}

/**
 * Constructors for every entry of SPEC §7, so no handler ever writes a bucket delta by hand.
 * Amounts are given as positive magnitudes; the sign comes from the kind.
 */
export const ledgerEffects = {
  /** A member's dividend; a frozen member's goes to frozenFen (SPEC §5.5). */
  dividend: (fen: Fen, frozen: boolean) => (frozen ? effect('dividend', 0, 0, positive(fen, 'dividend')) : effect('dividend', positive(fen, 'dividend'), 0, 0)),
  staffDividend: (fen: Fen) => effect('staff_dividend', positive(fen, 'staff dividend'), 0, 0),
  /** Balance used to pay part of a purchase (抵扣). */
  offset: (fen: Fen) => effect('offset', -positive(fen, 'offset'), 0, 0),
  offsetRefund: (fen: Fen) => effect('offset_refund', positive(fen, 'offset refund'), 0, 0),
  withdrawalHold: (fen: Fen) => effect('withdrawal_hold', -positive(fen, 'hold'), positive(fen, 'hold'), 0),
  withdrawalRelease: (fen: Fen) => effect('withdrawal_release', positive(fen, 'release'), -positive(fen, 'release'), 0),
  /** The member receives amount − fee; the fee is its own entry. Together they take the whole hold. */
  withdrawalPaid: (netFen: Fen) => effect('withdrawal_paid', 0, -positive(netFen, 'paid'), 0),
  withdrawalFee: (feeFen: Fen) => effect('withdrawal_fee', 0, -positive(feeFen, 'fee'), 0),
  /** May take available below zero; later dividends repay it (SPEC §4.5). */
  clawback: (fen: Fen) => effect('clawback', -positive(fen, 'clawback'), 0, 0),
  /** Freezing moves what is available (if positive) into frozen: no withdrawal, no offset. */
  freeze: (balances: AccountBalances) => {
    const moved = Math.max(0, balances.availableFen)
    return effect('freeze', -moved, 0, moved)
  },
  unfreeze: (balances: AccountBalances) => effect('unfreeze', balances.frozenFen, 0, -balances.frozenFen),
  /** The member's frozen balance goes to the reserve (the reserve records the matching inflow). */
  forfeit: (balances: AccountBalances) => effect('forfeit', 0, 0, -balances.frozenFen),
  /** An owner's correction with a reason; either sign. */
  adjustment: (signedFen: Fen) => {
    if (!Number.isSafeInteger(signedFen) || signedFen === 0) throw new RangeError(`bad adjustment ${signedFen}`)
    return effect('adjustment', signedFen, 0, 0)
  },
  // The reserve fund is an account of the scope with only an available bucket.
  reserveIn: (fen: Fen) => effect('reserve_in', positive(fen, 'reserve in'), 0, 0),
  reserveDraw: (fen: Fen) => effect('reserve_draw', -positive(fen, 'reserve draw'), 0, 0),
  reserveUnallocated: (fen: Fen) => effect('reserve_unallocated', positive(fen, 'unallocated'), 0, 0),
  reserveForfeit: (fen: Fen) => effect('forfeit', positive(fen, 'forfeit'), 0, 0),
} as const

export function applyEffect(b: AccountBalances, e: LedgerEffect): AccountBalances {
  return {
    availableFen: b.availableFen + e.availableDeltaFen,
    heldFen: b.heldFen + e.heldDeltaFen,
    frozenFen: b.frozenFen + e.frozenDeltaFen,
  }
}

export const EMPTY_BALANCES: AccountBalances = { availableFen: 0, heldFen: 0, frozenFen: 0 }
