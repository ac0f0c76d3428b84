import { createHash, createHmac, randomBytes } from 'node:crypto'
import type { CryptoPort } from '../domain/crypto/port'

/** The domain's crypto port on node:crypto. */
export const nodeCrypto: CryptoPort = {
  hmacSha256: (secret, message) => new Uint8Array(createHmac('sha256', secret).update(message, 'utf8').digest()),
  sha256Hex: (parts) => {
    const hash = createHash('sha256')
    for (const part of parts) hash.update(part, 'utf8')
    return hash.digest('hex')
  },
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
}
