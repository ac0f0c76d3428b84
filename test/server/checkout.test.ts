import { memberIdFor } from '../../server/services/ids'
import { checkoutActions } from '../../server/services/checkout'
import { refund } from '../../server/services/refunds'
import { storeActions } from '../../server/services/stores'
import type { AccountDoc, AuditDoc, CodeDoc, MemberDoc } from '../../server/model'
import type { CaptureResult } from '../../server/services/checkout'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { credit, newCode, openStore, STAFF } from '../support/store'

const refundActions = { refund }
const ALICE = 'o_alice'
const BOB = 'o_bob'

let h: Harness
beforeEach(() => {
  h = new Harness()
})
afterEach(() => h.close())

describe('checkout capture (SPEC §4)', () => {
  test('a member scans a code: a purchase with shares on the full amount; the staff screen follows it', async () => {
    const { storeId, scopeId } = await openStore(h)
    const code = await newCode(h, storeId, 12_345)
    const result = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: code.token, nickname: '张三' }, ALICE)
    expect(result).toMatchObject({ amountFen: 12_345, offsetFen: 0, cashDueFen: 12_345, sharesUnits: 12_345, periodId: '2026Q4', replayed: false })
    const memberId = memberIdFor(nodeCrypto, scopeId, ALICE)
    expect(await h.storage.get<MemberDoc>('members', memberId)).toMatchObject({ scopeId, nickname: '张三', referredBy: null })
    const status = await h.ok(checkoutActions, 'codeStatus', { storeId, codeKey: code.codeKey }, STAFF)
    expect(status).toMatchObject({ status: 'claimed', claimedByName: '张**', offsetFen: 0, cashDueFen: 12_345 })
    const today = await h.ok<unknown[]>(checkoutActions, 'todayCaptures', { storeId }, STAFF)
    expect(today).toHaveLength(1)
  })

  test('the claimer replaying it (expired, another offset) gets the original result; nothing is applied twice', async () => {
    const { storeId } = await openStore(h)
    const code = await newCode(h, storeId, 5_000)
    const first = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: code.token }, ALICE)
    const before = await h.census()
    h.advance(60 * 60_000)
    const again = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: code.token, offsetFen: 999 }, ALICE)
    expect(again).toEqual({ ...first, replayed: true })
    expect(await h.census()).toEqual(before)
  })

  test('an offset pays part from the balance, with its ledger entry, and shares still count the full amount', async () => {
    const { storeId, scopeId } = await openStore(h)
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, ALICE)
    const memberId = memberIdFor(nodeCrypto, scopeId, ALICE)
    await credit(h, memberId, 5_000)
    const code = await newCode(h, storeId, 10_000)
    const r = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: code.token, offsetFen: 1_230 }, ALICE)
    expect(r).toMatchObject({ offsetFen: 1_230, cashDueFen: 8_770, sharesUnits: 10_000 })
    expect(await h.storage.get<AccountDoc>('accounts', memberId)).toMatchObject({ availableFen: 3_770 })
    expect(await h.storage.get('ledger', `offset:${code.codeKey}`)).toMatchObject({ kind: 'offset', amountFen: -1_230 })
    expect(await h.ok(checkoutActions, 'codeStatus', { storeId, codeKey: code.codeKey }, STAFF)).toMatchObject({ claimedByName: '会员' + memberId.slice(-4), offsetFen: 1_230, cashDueFen: 8_770 })
  })

  test.each([
    { name: 'claimed by another member', offsetFen: 0, claimFirst: true, code: 'code_already_claimed' },
    { name: 'an offset above the balance', offsetFen: 1, claimFirst: false, code: 'offset_invalid' },
  ])('refused: $name → $code, and nothing is written', async ({ offsetFen, claimFirst, code }) => {
    const { storeId } = await openStore(h)
    const c = await newCode(h, storeId, 3_000)
    if (claimFirst) await h.ok(checkoutActions, 'capture', { token: c.token }, ALICE)
    const before = await h.census()
    const r = await h.call(checkoutActions, 'capture', { token: c.token, offsetFen }, BOB)
    expect(r).toMatchObject({ ok: false, code })
    expect(await h.census()).toEqual(before)
  })

  test('expired and voided codes are refused without writes', async () => {
    const { storeId } = await openStore(h)
    const expiring = await newCode(h, storeId, 3_000)
    const voided = await newCode(h, storeId, 4_000)
    await h.ok(checkoutActions, 'voidCode', { storeId, codeKey: voided.codeKey }, STAFF)
    h.advance(15 * 60_000)
    const before = await h.census()
    expect(await h.call(checkoutActions, 'capture', { token: expiring.token }, ALICE)).toMatchObject({ ok: false, code: 'code_expired', message: '消费码已过期，请让店员重新生成' })
    expect(await h.call(checkoutActions, 'capture', { token: voided.token }, ALICE)).toMatchObject({ ok: false, code: 'code_voided' })
    expect(await h.census()).toEqual(before)
  })

  test('forged and altered tokens: code_invalid and exactly one audit record each', async () => {
    const { storeId } = await openStore(h)
    const c = await newCode(h, storeId, 3_000)
    const forgedMac = c.token.slice(0, 11) + 'A'.repeat(11)
    const unknownKey = 'c' + 'Z'.repeat(10) + c.token.slice(11)
    for (const token of [forgedMac, unknownKey]) {
      const before = await h.census()
      expect(await h.call(checkoutActions, 'capture', { token }, ALICE)).toMatchObject({ ok: false, code: 'code_invalid' })
      expect(await h.census()).toEqual({ ...before, audit: before.audit! + 1 })
    }
    const audits = await h.storage.query<AuditDoc>('audit', { where: { action: 'forged_code' }, limit: 10 })
    expect(audits.docs.map((a) => a.after)).toEqual(expect.arrayContaining([{ reason: 'mac_mismatch' }, { reason: 'unknown_code_key' }]))
    // A malformed scan is not a security event.
    const before = await h.census()
    expect(await h.call(checkoutActions, 'capture', { token: 'hello' }, ALICE)).toMatchObject({ ok: false, code: 'code_invalid' })
    expect(await h.census()).toEqual(before)
  })

  test('rotating the signing secret invalidates open codes', async () => {
    const { storeId } = await openStore(h)
    const c = await newCode(h, storeId, 3_000)
    await h.ok(storeActions, 'rotateSigningSecret', { storeId }, OWNER)
    expect(await h.call(checkoutActions, 'capture', { token: c.token }, ALICE)).toMatchObject({ ok: false, code: 'code_invalid' })
  })

  test('a referral code binds a new member to the referrer (single level)', async () => {
    const { storeId, scopeId } = await openStore(h)
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, ALICE)
    const alice = await h.storage.get<MemberDoc>('members', memberIdFor(nodeCrypto, scopeId, ALICE))
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 200)).token, referralCode: alice!.referralCode }, BOB)
    const bob = await h.storage.get<MemberDoc>('members', memberIdFor(nodeCrypto, scopeId, BOB))
    expect(bob).toMatchObject({ referredBy: alice!._id, boundAtMs: h.nowMs })
    // Alice is already a member: a code offered later never rebinds her.
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 300)).token, referralCode: bob!.referralCode }, ALICE)
    expect((await h.storage.get<MemberDoc>('members', alice!._id))?.referredBy).toBeNull()
  })

  test('a staff member claiming their own code is flagged', async () => {
    const { storeId } = await openStore(h)
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, STAFF)
    const flags = await h.storage.query('fraudFlags', { where: { rule: 'self_claim' }, limit: 10 })
    expect(flags.docs).toHaveLength(1)
  })

  test('the fourth capture within 10 minutes is flagged, once for the burst', async () => {
    const { storeId } = await openStore(h)
    for (let i = 0; i < 6; i++) {
      await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100 + i)).token }, ALICE)
      h.advance(60_000)
    }
    const flags = await h.storage.query('fraudFlags', { where: { rule: 'rapid_captures' }, limit: 10 })
    expect(flags.docs).toHaveLength(1)
  })

  test('staff actions need a store role; a member cannot create codes', async () => {
    const { storeId } = await openStore(h)
    expect(await h.call(checkoutActions, 'createCode', { storeId, amountFen: 100 }, ALICE)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await h.call(checkoutActions, 'createCode', { storeId, amountFen: 100 }, null)).toMatchObject({ ok: false, code: 'not_authenticated' })
    expect(await h.call(checkoutActions, 'createCode', { storeId, amountFen: 0 }, STAFF)).toMatchObject({ ok: false, code: 'invalid_input' })
  })

  test('the histogram behind the outlier rule counts every capture', async () => {
    const { storeId } = await openStore(h)
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, ALICE)
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, BOB)
    expect(await h.storage.get('storeStats', storeId)).toMatchObject({ histogram: { count: 2 } })
  })
})

describe('refunds (SPEC §4.5)', () => {
  test('a partial refund before settlement: fewer shares count, the offset part returns to the balance', async () => {
    const { storeId, scopeId } = await openStore(h)
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, ALICE)
    const memberId = memberIdFor(nodeCrypto, scopeId, ALICE)
    await credit(h, memberId, 2_000)
    const c = await newCode(h, storeId, 10_000)
    const p = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: c.token, offsetFen: 2_000 }, ALICE)
    const input = { storeId, purchaseId: p.purchaseId, refundFen: 2_500, reason: '退一杯', requestId: 'req-refund-001' }
    const r = await h.ok(refundActions, 'refund', input, OWNER)
    // floor(2,500 × 2,000 / 10,000) = 500 back to the balance; 2,000 cash; 2,500 share units refunded.
    expect(r).toMatchObject({ refundFen: 2_500, sharesRefundedUnits: 2_500, offsetRefundFen: 500, cashRefundFen: 2_000, clawbackFen: 0, replayed: false })
    expect(await h.storage.get<AccountDoc>('accounts', memberId)).toMatchObject({ availableFen: 500 })
    // A retry is the same refund; the same id with another amount is a conflict.
    expect(await h.ok(refundActions, 'refund', input, OWNER)).toMatchObject({ replayed: true })
    expect(await h.call(refundActions, 'refund', { ...input, refundFen: 1 }, OWNER)).toMatchObject({ ok: false, code: 'conflict' })
    expect(await h.call(refundActions, 'refund', { ...input, requestId: 'req-refund-002', refundFen: 7_501 }, OWNER)).toMatchObject({
      ok: false,
      code: 'refund_invalid_amount',
    })
    expect(await h.call(refundActions, 'refund', { ...input, requestId: 'req-refund-003' }, STAFF)).toMatchObject({ ok: false, code: 'forbidden' })
    expect((await h.storage.get<AccountDoc>('accounts', memberId))?.availableFen).toBe(500)
  })

  test('codes from another store cannot be refunded through this store', async () => {
    const a = await openStore(h, 'A')
    const p = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: (await newCode(h, a.storeId, 100)).token }, ALICE)
    const b = await openStore(h, 'B')
    expect(await h.call(refundActions, 'refund', { storeId: b.storeId, purchaseId: p.purchaseId, refundFen: 10, reason: 'x', requestId: 'req-refund-004' }, OWNER)).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect((await h.storage.get<CodeDoc>('codes', p.purchaseId.slice(2)))?.status).toBe('claimed')
  })
})

describe('peekCode: what the confirmation screen shows', () => {
  test('amount, shares and the balance to offset, without claiming; forged tokens refused', async () => {
    const h = new Harness()
    const { storeId } = await openStore(h)
    const code = await newCode(h, storeId, 12_345)
    const peek = await h.ok<{ amountFen: number; sharesUnits: number; status: string; isMember: boolean; storeName: string }>(checkoutActions, 'peekCode', { token: code.token }, 'o_peeker')
    expect(peek).toMatchObject({ storeId, storeName: '街角咖啡', amountFen: 12_345, sharesUnits: 12_345, status: 'open', isMember: false, availableFen: 0 })
    expect(await h.census()).toMatchObject({ purchases: 0, members: 0 })
    const forged = code.token.slice(0, -1) + (code.token.endsWith('A') ? 'B' : 'A')
    expect(await h.call(checkoutActions, 'peekCode', { token: forged }, 'o_peeker')).toMatchObject({ ok: false, code: 'code_invalid' })
    await h.ok(checkoutActions, 'capture', { token: code.token }, 'o_peeker')
    expect(await h.ok(checkoutActions, 'peekCode', { token: code.token }, 'o_peeker')).toMatchObject({ status: 'claimed', claimedBySelf: true, isMember: true })
    await h.close()
  })
})
