import type { CryptoPort } from '../../domain/crypto/port'
import { BASE62_ALPHABET, randomBase62 } from '../../domain/crypto/base62'

/**
 * A member's id in a scope: `m` + 16 base62 chars of sha256(scopeId|openid). Derived, so a capture finds its
 * member with one read and no lookup document; one-way, so the id never reveals the openid (SPEC §1).
 */
export function memberIdFor(crypto: CryptoPort, scopeId: string, openid: string): string {
  const hex = crypto.sha256Hex([`member|${scopeId}|${openid}`])
  let value = BigInt(`0x${hex.slice(0, 24)}`) // 96 bits
  let out = ''
  for (let i = 0; i < 16; i++) {
    out = BASE62_ALPHABET[Number(value % 62n)] + out
    value /= 62n
  }
  return `m${out}`
}

/** A random id with a readable prefix, e.g. `st_3kF9…`. */
export function randomId(crypto: CryptoPort, prefix: string, length = 14): string {
  return `${prefix}_${randomBase62((n) => crypto.randomBytes(n), length)}`
}

/** 256 random bits, base64url: signing secrets and POS API key secrets. */
export function randomSecret(crypto: CryptoPort): string {
  return Buffer.from(crypto.randomBytes(32)).toString('base64url')
}

export function roleDocId(storeId: string, openid: string): string {
  return `${storeId}:${openid}`
}

export function reserveAccountId(scopeId: string): string {
  return `reserve:${scopeId}`
}

export function staffAccountId(storeId: string, staffId: string): string {
  return `staff:${storeId}:${staffId}`
}

export function purchaseId(codeKey: string): string {
  return `p:${codeKey}`
}
