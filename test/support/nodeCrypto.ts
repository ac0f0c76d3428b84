import type { CryptoPort } from '../../domain/crypto/port'
import { nodeCrypto } from '../../server/nodeCrypto'

export { nodeCrypto }

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
