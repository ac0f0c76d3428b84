import { decideCapture, isSecurityEvent, type CaptureCaller } from '../../domain/checkout/capture'
import { mintCheckoutToken } from '../../domain/checkout/token'
import type { CheckoutCodeRecord } from '../../types/checkout'
import { CAPTURE_ERROR_ORDER } from '../../types/checkout'
import { nodeCrypto } from '../support/nodeCrypto'

const SECRET = 's3cret'
const minted = mintCheckoutToken(nodeCrypto, SECRET, 'st1', 10_000)
const forged = 'c' + minted.codeKey + 'AAAAAAAAAAA'

const open: CheckoutCodeRecord = {
  codeKey: minted.codeKey,
  storeId: 'st1',
  amountFen: 10_000,
  status: 'open',
  expiresAtMs: 5_000,
  claimedByMemberId: null,
}
const caller: CaptureCaller = { memberId: 'm1', frozen: false, availableFen: 3_000 }

interface Row {
  name: string
  token?: string
  code?: CheckoutCodeRecord | null
  caller?: CaptureCaller
  offsetFen?: number
  nowMs?: number
  expect: string
  security?: boolean
}

// One line per case, in SPEC §4.2's order of precedence. Each case also breaks every later check, so a
// wrong order would report a later code.
const rows: Row[] = [
  { name: 'malformed', token: 'not-a-token', expect: 'code_invalid', security: false },
  { name: 'unknown code key', code: null, caller: { ...caller, frozen: true }, expect: 'code_invalid', security: true },
  { name: 'MAC mismatch (forged)', token: forged, code: { ...open, status: 'voided' }, expect: 'code_invalid', security: true },
  { name: 'voided', code: { ...open, status: 'voided', expiresAtMs: 0 }, expect: 'code_voided' },
  { name: 'claimed by another', code: { ...open, status: 'claimed', claimedByMemberId: 'm2', expiresAtMs: 0 }, expect: 'code_already_claimed' },
  { name: 'claimed when the caller is not yet a member', code: { ...open, status: 'claimed', claimedByMemberId: 'm2' }, caller: { ...caller, memberId: null }, expect: 'code_already_claimed' },
  { name: 'expired', nowMs: 5_000, caller: { ...caller, frozen: true }, expect: 'code_expired' },
  { name: 'member frozen', caller: { ...caller, frozen: true }, offsetFen: 999_999, expect: 'member_frozen' },
  { name: 'offset above balance', offsetFen: 3_001, expect: 'offset_invalid' },
  { name: 'offset above amount', caller: { ...caller, availableFen: 50_000 }, offsetFen: 10_001, expect: 'offset_invalid' },
  { name: 'negative offset', offsetFen: -1, expect: 'offset_invalid' },
  { name: 'fractional offset', offsetFen: 1.5, expect: 'offset_invalid' },
  { name: 'offset against a negative balance (after a clawback)', caller: { ...caller, availableFen: -200 }, offsetFen: 1, expect: 'offset_invalid' },
  { name: 'replay by the claimer, even expired and with another offset', code: { ...open, status: 'claimed', claimedByMemberId: 'm1' }, nowMs: 99_999, offsetFen: 777_777, expect: 'replay' },
  { name: 'ok without offset', expect: 'apply' },
  { name: 'ok with the whole balance', offsetFen: 3_000, expect: 'apply' },
  { name: 'ok for a new member (no balance, no offset)', caller: { memberId: null, frozen: false, availableFen: 0 }, expect: 'apply' },
]

describe('capture checks in SPEC §4.2 order', () => {
  test.each(rows)('$name → $expect', (row) => {
    const decision = decideCapture(nodeCrypto, {
      token: row.token ?? minted.token,
      code: row.code === undefined ? open : row.code,
      storeSecret: SECRET,
      caller: row.caller ?? caller,
      offsetFen: row.offsetFen ?? 0,
      fenPerShare: 10_000,
      nowMs: row.nowMs ?? 0,
    })
    const got = decision.kind === 'reject' ? decision.code : decision.kind
    expect(got).toBe(row.expect)
    if (row.security !== undefined) expect(isSecurityEvent(decision)).toBe(row.security)
  })

  test('the table covers every capture error code', () => {
    for (const code of CAPTURE_ERROR_ORDER) expect(rows.some((r) => r.expect === code)).toBe(true)
  })

  test('the plan: shares on the full amount, cash due after the offset', () => {
    const decision = decideCapture(nodeCrypto, {
      token: minted.token,
      code: open,
      storeSecret: SECRET,
      caller,
      offsetFen: 1_230,
      fenPerShare: 10_000,
      nowMs: 0,
    })
    expect(decision).toEqual({ kind: 'apply', plan: { amountFen: 10_000, offsetFen: 1_230, cashDueFen: 8_770, sharesUnits: 10_000 } })
  })
})
