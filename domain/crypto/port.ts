/**
 * What the domain needs of cryptography, passed in so the domain never imports node:crypto: the server
 * implements it with node:crypto, tests with fixed bytes where they need determinism.
 */
export interface CryptoPort {
  /** HMAC-SHA256 of `message` (UTF-8) under `secret` (UTF-8). */
  hmacSha256(secret: string, message: string): Uint8Array
  /** SHA-256 over the concatenation of the parts (UTF-8), as lowercase hex. */
  sha256Hex(parts: Iterable<string>): string
  /** n cryptographically random bytes. */
  randomBytes(n: number): Uint8Array
}
