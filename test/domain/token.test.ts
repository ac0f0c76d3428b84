import fc from 'fast-check'
import { decideCapture } from '../../domain/checkout/capture'
import {
  CHECKOUT_TOKEN_LENGTH,
  mintCheckoutToken,
  mintReferralCode,
  parseScene,
  referralScene,
  verifyCheckoutMac,
} from '../../domain/checkout/token'
import type { CheckoutCodeRecord } from '../../types/checkout'
import { fixedRandomCrypto, nodeCrypto } from '../support/nodeCrypto'
import { testSeed } from '../support/seed'

const SECRET = 'store-secret-1'
const ALPHABET = /^[0-9A-Za-z]+$/

function code(codeKey: string, over: Partial<CheckoutCodeRecord> = {}): CheckoutCodeRecord {
  return { codeKey, storeId: 'st1', amountFen: 8800, status: 'open', expiresAtMs: 1_000_000, claimedByMemberId: null, ...over }
}

function captureWith(token: unknown, record: CheckoutCodeRecord | null, nowMs = 0, secret = SECRET) {
  return decideCapture(nodeCrypto, {
    token,
    code: record,
    storeSecret: secret,
    caller: { memberId: 'm1', frozen: false, availableFen: 0 },
    offsetFen: 0,
    fenPerShare: 10_000,
    nowMs,
  })
}

describe('checkout token', () => {
  test('round trip: a minted token parses back to its key and verifies', () => {
    const { token, codeKey } = mintCheckoutToken(nodeCrypto, SECRET, 'st1', 8800)
    expect(token).toHaveLength(22)
    expect(CHECKOUT_TOKEN_LENGTH).toBe(22)
    const parsed = parseScene(token)
    expect(parsed).toEqual({ kind: 'checkout', codeKey, mac: token.slice(11) })
    expect(verifyCheckoutMac(nodeCrypto, SECRET, parsed as { codeKey: string; mac: string }, 'st1', 8800)).toBe(true)
    expect(captureWith(token, code(codeKey)).kind).toBe('apply')
  })

  test('a fixed random source gives a fixed token (the port makes tokens testable)', () => {
    const a = mintCheckoutToken(fixedRandomCrypto(42), SECRET, 'st1', 100)
    const b = mintCheckoutToken(fixedRandomCrypto(42), SECRET, 'st1', 100)
    expect(a).toEqual(b)
  })

  test('tampered: any single changed character is refused as code_invalid', () => {
    const { token, codeKey } = mintCheckoutToken(nodeCrypto, SECRET, 'st1', 8800)
    for (let i = 1; i < token.length; i++) {
      const ch = token[i] === 'A' ? 'B' : 'A'
      const altered = token.slice(0, i) + ch + token.slice(i + 1)
      // A changed key finds no code (or another code); a changed MAC fails verification.
      const record = i <= 10 ? null : code(codeKey)
      const decision = captureWith(altered, record)
      expect(decision).toMatchObject({ kind: 'reject', code: 'code_invalid' })
    }
  })

  test('altered amount or wrong store: the MAC no longer matches', () => {
    const { token, codeKey } = mintCheckoutToken(nodeCrypto, SECRET, 'st1', 8800)
    expect(captureWith(token, code(codeKey, { amountFen: 88000 }))).toMatchObject({ code: 'code_invalid', invalidReason: 'mac_mismatch' })
    expect(captureWith(token, code(codeKey, { storeId: 'st2' }))).toMatchObject({ code: 'code_invalid', invalidReason: 'mac_mismatch' })
  })

  test('a rotated secret invalidates open codes (SPEC §1)', () => {
    const { token, codeKey } = mintCheckoutToken(nodeCrypto, SECRET, 'st1', 8800)
    expect(captureWith(token, code(codeKey), 0, 'rotated-secret')).toMatchObject({ code: 'code_invalid', invalidReason: 'mac_mismatch' })
  })

  test('expired', () => {
    const { token, codeKey } = mintCheckoutToken(nodeCrypto, SECRET, 'st1', 8800)
    expect(captureWith(token, code(codeKey, { expiresAtMs: 1000 }), 999).kind).toBe('apply')
    expect(captureWith(token, code(codeKey, { expiresAtMs: 1000 }), 1000)).toMatchObject({ kind: 'reject', code: 'code_expired' })
  })

  test('malformed scenes are refused without being a security event', () => {
    for (const bad of ['', 'c', 'x'.repeat(22), `c${'a'.repeat(20)}`, `c${'a'.repeat(22)}`, `c${'a'.repeat(10)}-${'b'.repeat(10)}`, 42, null, undefined, {}]) {
      expect(captureWith(bad, null)).toEqual({ kind: 'reject', code: 'code_invalid', invalidReason: 'malformed' })
    }
  })

  test('every token and referral scene is ≤ 32 chars of [0-9A-Za-z]', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), fc.string({ minLength: 1, maxLength: 40 }), fc.nat(), (secret, storeId, amount) => {
        const { token } = mintCheckoutToken(nodeCrypto, secret, storeId, amount)
        expect(token.length).toBe(22)
        expect(token).toMatch(ALPHABET)
        const scene = referralScene(mintReferralCode(nodeCrypto))
        expect(scene.length).toBeLessThanOrEqual(32)
        expect(scene).toMatch(ALPHABET)
        expect(parseScene(scene)?.kind).toBe('referral')
      }),
      { seed: testSeed('token alphabet'), numRuns: 300 },
    )
  })
})
