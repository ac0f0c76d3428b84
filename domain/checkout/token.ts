import type { Fen } from '../../types/money'
import type { CryptoPort } from '../crypto/port'
import { base62Of64Bits, constantTimeEqual, randomBase62 } from '../crypto/base62'

/**
 * Checkout token (SPEC §4.1): "c" + 10-char random code key + 11-char truncated HMAC-SHA256 (64 bits) of the
 * key, store id and amount under the store's secret. 22 chars of [0-9A-Za-z]: fits a wxacode scene (≤ 32)
 * and a URL without escaping.
 */
export const CHECKOUT_PREFIX = 'c'
export const CODE_KEY_LENGTH = 10
export const MAC_LENGTH = 11
export const CHECKOUT_TOKEN_LENGTH = 1 + CODE_KEY_LENGTH + MAC_LENGTH

/** Referral scenes start with "r" (SPEC §4.1, §6). */
export const REFERRAL_PREFIX = 'r'
export const REFERRAL_CODE_LENGTH = 8

const CHECKOUT_RE = /^c([0-9A-Za-z]{10})([0-9A-Za-z]{11})$/
const REFERRAL_RE = /^r([0-9A-Za-z]{8})$/

export type ParsedScene =
  | { readonly kind: 'checkout'; readonly codeKey: string; readonly mac: string }
  | { readonly kind: 'referral'; readonly referralCode: string }

/** What a scanned scene or URL token is, or null when it is malformed. */
export function parseScene(scene: unknown): ParsedScene | null {
  if (typeof scene !== 'string') return null
  const checkout = CHECKOUT_RE.exec(scene)
  if (checkout) return { kind: 'checkout', codeKey: checkout[1] as string, mac: checkout[2] as string }
  const referral = REFERRAL_RE.exec(scene)
  if (referral) return { kind: 'referral', referralCode: referral[1] as string }
  return null
}

function macMessage(codeKey: string, storeId: string, amountFen: Fen): string {
  // Fields are separated by a character none of them can contain, so no two inputs share a message.
  return `${codeKey}|${storeId}|${amountFen}`
}

export function checkoutMac(crypto: CryptoPort, secret: string, codeKey: string, storeId: string, amountFen: Fen): string {
  return base62Of64Bits(crypto.hmacSha256(secret, macMessage(codeKey, storeId, amountFen)))
}

export interface MintedCheckoutToken {
  readonly token: string
  readonly codeKey: string
}

export function mintCheckoutToken(crypto: CryptoPort, secret: string, storeId: string, amountFen: Fen): MintedCheckoutToken {
  const codeKey = randomBase62((n) => crypto.randomBytes(n), CODE_KEY_LENGTH)
  return { codeKey, token: CHECKOUT_PREFIX + codeKey + checkoutMac(crypto, secret, codeKey, storeId, amountFen) }
}

/** True when the MAC matches the stored code's store and amount under the store's current secret. */
export function verifyCheckoutMac(
  crypto: CryptoPort,
  secret: string,
  parsed: { readonly codeKey: string; readonly mac: string },
  storeId: string,
  amountFen: Fen,
): boolean {
  return constantTimeEqual(parsed.mac, checkoutMac(crypto, secret, parsed.codeKey, storeId, amountFen))
}

export function mintReferralCode(crypto: CryptoPort): string {
  return randomBase62((n) => crypto.randomBytes(n), REFERRAL_CODE_LENGTH)
}

export function referralScene(referralCode: string): string {
  return REFERRAL_PREFIX + referralCode
}
