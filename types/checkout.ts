import type { Fen, ShareUnits } from './money'

export type CheckoutCodeStatus = 'open' | 'claimed' | 'voided'

/** A checkout code as stored: what the capture checks need to know about it. */
export interface CheckoutCodeRecord {
  readonly codeKey: string
  readonly storeId: string
  readonly amountFen: Fen
  readonly status: CheckoutCodeStatus
  readonly expiresAtMs: number
  readonly claimedByMemberId: string | null
}

/** The capture error codes in the order SPEC §4.2 checks them. */
export const CAPTURE_ERROR_ORDER = [
  'code_invalid',
  'code_voided',
  'code_already_claimed',
  'code_expired',
  'member_frozen',
  'offset_invalid',
] as const
export type CaptureErrorCode = (typeof CAPTURE_ERROR_ORDER)[number]

/** Why a code_invalid was given; the last two are security events and are audited (SPEC §4.2–4.3). */
export type InvalidCodeReason = 'malformed' | 'unknown_code_key' | 'mac_mismatch'

export interface CapturePlan {
  readonly amountFen: Fen
  readonly offsetFen: Fen
  /** What the member still pays at the till: amount − offset. */
  readonly cashDueFen: Fen
  /** Earned on the full amount, whatever part the balance paid (SPEC §2). */
  readonly sharesUnits: ShareUnits
}
