import type { CaptureErrorCode, CapturePlan, CheckoutCodeRecord, InvalidCodeReason } from '../../types/checkout'
import type { Fen } from '../../types/money'
import type { CryptoPort } from '../crypto/port'
import { sharesForAmount } from '../money/shares'
import { parseScene, verifyCheckoutMac } from './token'

export interface CaptureCaller {
  /** The caller's memberId in the code's scope, or null when this capture would make them a member. */
  readonly memberId: string | null
  readonly frozen: boolean
  readonly availableFen: Fen
}

export interface CaptureContext {
  readonly token: unknown
  /** The code stored under the token's code key, or null when there is none. */
  readonly code: CheckoutCodeRecord | null
  /** The store's current signing secret. */
  readonly storeSecret: string
  readonly caller: CaptureCaller
  readonly offsetFen: Fen
  readonly fenPerShare: number
  readonly nowMs: number
}

export type CaptureDecision =
  | { readonly kind: 'apply'; readonly plan: CapturePlan }
  /** The caller already claimed this code: answer with the original result, apply nothing (SPEC §4.3). */
  | { readonly kind: 'replay' }
  | { readonly kind: 'reject'; readonly code: CaptureErrorCode; readonly invalidReason?: InvalidCodeReason }

/** The code key a handler looks the code up by, or null for a malformed token. */
export function checkoutCodeKey(token: unknown): string | null {
  const parsed = parseScene(token)
  return parsed?.kind === 'checkout' ? parsed.codeKey : null
}

/** SPEC §4.2's checks, in its order. Pure: the handler does the lookups and the writes. */
export function decideCapture(crypto: CryptoPort, ctx: CaptureContext): CaptureDecision {
  const parsed = parseScene(ctx.token)
  if (parsed?.kind !== 'checkout') return invalid('malformed')
  const { code } = ctx
  if (!code || code.codeKey !== parsed.codeKey) return invalid('unknown_code_key')
  if (!verifyCheckoutMac(crypto, ctx.storeSecret, parsed, code.storeId, code.amountFen)) return invalid('mac_mismatch')
  if (code.status === 'voided') return { kind: 'reject', code: 'code_voided' }
  if (code.status === 'claimed') {
    const mine = ctx.caller.memberId !== null && code.claimedByMemberId === ctx.caller.memberId
    return mine ? { kind: 'replay' } : { kind: 'reject', code: 'code_already_claimed' }
  }
  if (ctx.nowMs >= code.expiresAtMs) return { kind: 'reject', code: 'code_expired' }
  if (ctx.caller.frozen) return { kind: 'reject', code: 'member_frozen' }
  const offset = ctx.offsetFen
  if (!Number.isSafeInteger(offset) || offset < 0 || offset > code.amountFen || offset > Math.max(0, ctx.caller.availableFen)) {
    return { kind: 'reject', code: 'offset_invalid' }
  }
  return {
    kind: 'apply',
    plan: {
      amountFen: code.amountFen,
      offsetFen: offset,
      cashDueFen: code.amountFen - offset,
      sharesUnits: sharesForAmount(code.amountFen, ctx.fenPerShare),
    },
  }
}

function invalid(reason: InvalidCodeReason): CaptureDecision {
  return { kind: 'reject', code: 'code_invalid', invalidReason: reason }
}

/** Forged and altered tokens are audited; a malformed scan (any other QR code) is not a security event. */
export function isSecurityEvent(decision: CaptureDecision): boolean {
  return decision.kind === 'reject' && (decision.invalidReason === 'unknown_code_key' || decision.invalidReason === 'mac_mismatch')
}
