export const BASE62_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** `length` uniformly random base62 characters. Rejection sampling keeps the distribution uniform. */
export function randomBase62(randomBytes: (n: number) => Uint8Array, length: number): string {
  let out = ''
  while (out.length < length) {
    const bytes = randomBytes(length * 2)
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      const b = bytes[i] as number
      if (b < 248) out += BASE62_ALPHABET[b % 62]
    }
  }
  return out
}

/** The first 8 bytes of `bytes` as a big-endian unsigned 64-bit integer in base62, zero-padded to 11 chars. */
export function base62Of64Bits(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError('need at least 8 bytes')
  let value = 0n
  for (let i = 0; i < 8; i++) value = (value << 8n) | BigInt(bytes[i] as number)
  let out = ''
  for (let i = 0; i < 11; i++) {
    out = BASE62_ALPHABET[Number(value % 62n)] + out
    value /= 62n
  }
  return out
}

/** Equal strings, compared in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}

/** Lowercase hex of bytes (no Buffer: the domain also runs in the mini-program). */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}
