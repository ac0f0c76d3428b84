import type { CryptoPort } from '../crypto/port'
import { constantTimeEqual, toHex } from '../crypto/base62'

/** POS requests older or newer than this are refused (SPEC §1: 5-minute replay window). */
export const POS_WINDOW_MS = 5 * 60_000

export type PosSignatureCheck = 'ok' | 'stale' | 'bad_signature'

/** What the POS signs: the timestamp and the exact body bytes, separated by a newline. */
export function posSigningInput(timestampMs: number, body: string): string {
  return `${timestampMs}\n${body}`
}

export function posSignature(crypto: CryptoPort, secret: string, timestampMs: number, body: string): string {
  return toHex(crypto.hmacSha256(secret, posSigningInput(timestampMs, body)))
}

/** Checks a POS request's HMAC and timestamp; the caller makes replays within the window fail by nonce. */
export function checkPosSignature(crypto: CryptoPort, secret: string, timestampMs: number, body: string, signatureHex: string, nowMs: number): PosSignatureCheck {
  if (!Number.isSafeInteger(timestampMs) || Math.abs(nowMs - timestampMs) > POS_WINDOW_MS) return 'stale'
  if (!/^[0-9a-f]{64}$/.test(signatureHex)) return 'bad_signature'
  return constantTimeEqual(signatureHex, posSignature(crypto, secret, timestampMs, body)) ? 'ok' : 'bad_signature'
}
