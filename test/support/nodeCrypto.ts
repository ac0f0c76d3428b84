import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { CryptoPort } from '../../domain/crypto/port'

/** The production implementation of the port, for tests (the server will have its own copy in its layer). */
export const nodeCrypto: CryptoPort = {
  hmacSha256: (secret, message) => new Uint8Array(createHmac('sha256', secret).update(message, 'utf8').digest()),
  sha256Hex: (parts) => {
    const hash = createHash('sha256')
    for (const part of parts) hash.update(part, 'utf8')
    return hash.digest('hex')
  },
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
}

/** Same HMAC and hashing, but "random" bytes from a fixed sequence, so minted tokens are predictable. */
export function fixedRandomCrypto(seed: number): CryptoPort {
  let state = seed >>> 0
  return {
    ...nodeCrypto,
    randomBytes: (n) => {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0
        out[i] = state >>> 24
      }
      return out
    },
  }
}
