import { sharesForAmount } from '../../domain/money/shares'
import * as z from 'zod'
import { checkoutCodeKey, decideCapture, isSecurityEvent } from '../../domain/checkout/capture'
import { mintCheckoutToken, parseScene, verifyCheckoutMac } from '../../domain/checkout/token'
import { bucketKey, quantileFen } from '../../domain/fraud/purchaseHistogram'
import { outlierPurchase, rapidCaptures, recentCaptureWindow, selfClaim } from '../../domain/fraud/rules'
import { businessDayStartMs, periodOf } from '../../domain/period/calendar'
import { maskedName } from '../../domain/referral/binding'
import { ledgerEffects } from '../../domain/wallet/ledgerEffects'
import type { CheckoutCodeRecord } from '../../types/checkout'
import { fenSchema } from '../../types/moneySchema'
import type { AccountDoc, CodeDoc, FraudFlagDoc, MemberDoc, PurchaseDoc } from '../model'
import { action } from '../runtime/action'
import { AppError, appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { writeAudit, writeAuditTx } from './audit'
import { countsForReferrer, memberUnitsInc, storeSalesInc } from './contribution'
import { memberIdFor, purchaseId } from './ids'
import { postEntries } from './ledger'
import { createMemberTx, fraudFlag, planNewMember } from './members'
import { requireOpenid, requireRole } from './roles'
import { loadStore, loadStoreStats, rulesAt } from './scopeCache'

/** A single checkout is at most ¥1,000,000: larger amounts are typos, and it keeps every product exact. */
const MAX_CHECKOUT_FEN = 100_000_000

const storeIdSchema = z.string().min(1).max(64)
const codeKeySchema = z.string().regex(/^[0-9A-Za-z]{10}$/)

export interface CaptureResult {
  readonly purchaseId: string
  readonly storeId: string
  readonly amountFen: number
  readonly offsetFen: number
  readonly cashDueFen: number
  readonly sharesUnits: number
  readonly periodId: string
  readonly capturedAtMs: number
  readonly replayed: boolean
}

/** Staff enters an amount (and optionally the POS order number) → a one-time checkout code (SPEC §4.1). */
export const createCode = action(
  z.object({ storeId: storeIdSchema, amountFen: fenSchema.min(1).max(MAX_CHECKOUT_FEN), posOrderNo: z.string().trim().max(64).optional() }).strict(),
  async (ctx, input) => {
    const role = await requireRole(ctx, input.storeId, ['owner', 'manager', 'staff'])
    return createCodeFor(ctx, input.storeId, role.openid, input.amountFen, input.posOrderNo ?? null)
  },
)

/** Shared by the staff screen and the POS HTTP API (which acts for a named staff member). */
export async function createCodeFor(ctx: ServiceContext, storeId: string, creatorOpenid: string, amountFen: number, posOrderNo: string | null) {
  const store = await loadStore(ctx, storeId)
  if (!store) appError('not_found')
  const rules = (await rulesAt(ctx, store.scopeId, ctx.nowMs)).rules
  const minted = mintCheckoutToken(ctx.crypto, store.signingSecret, store._id, amountFen)
  const code: CodeDoc = {
    _id: minted.codeKey,
    storeId,
    scopeId: store.scopeId,
    amountFen,
    posOrderNo,
    createdByOpenid: creatorOpenid,
    createdAtMs: ctx.nowMs,
    expiresAtMs: ctx.nowMs + rules.checkout.expiryMinutes * 60_000,
    status: 'open',
    claimedByMemberId: null,
    claimedAtMs: null,
    offsetFen: 0,
    claimedByName: null,
  }
  if ((await ctx.storage.create('codes', code)) === 'exists') appError('conflict', 'code key collision')
  return { token: minted.token, codeKey: code._id, amountFen, expiresAtMs: code.expiresAtMs }
}

/** An unclaimed code can be voided (a mistyped amount). */
export const voidCode = action(z.object({ storeId: storeIdSchema, codeKey: codeKeySchema }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner', 'manager', 'staff'])
  const voided = await ctx.storage.update('codes', input.codeKey, { set: { status: 'voided' } }, { storeId: input.storeId, status: 'open' })
  if (!voided) {
    const code = await ctx.storage.get<CodeDoc>('codes', input.codeKey)
    if (!code || code.storeId !== input.storeId) appError('not_found')
    if (code.status === 'voided') return { codeKey: input.codeKey, status: 'voided' as const }
    appError('code_already_claimed')
  }
  await writeAudit(ctx, { action: 'code_voided', scopeId: role.scopeId, storeId: input.storeId, target: input.codeKey })
  return { codeKey: input.codeKey, status: 'voided' as const }
})

/** What the staff screen follows live: 已由 张** 认领 · 抵扣 ¥12.30 · 应收 ¥87.70 (SPEC §4.4). */
export const codeStatus = action(z.object({ storeId: storeIdSchema, codeKey: codeKeySchema }).strict(), async (ctx, input) => {
  await requireRole(ctx, input.storeId, ['owner', 'manager', 'staff'])
  const code = await ctx.storage.get<CodeDoc>('codes', input.codeKey)
  if (!code || code.storeId !== input.storeId) appError('not_found')
  const expired = code.status === 'open' && ctx.nowMs >= code.expiresAtMs
  return {
    codeKey: code._id,
    status: expired ? ('expired' as const) : code.status,
    amountFen: code.amountFen,
    offsetFen: code.offsetFen,
    cashDueFen: code.amountFen - code.offsetFen,
    claimedByName: code.claimedByName,
    claimedAtMs: code.claimedAtMs,
    expiresAtMs: code.expiresAtMs,
  }
})

/**
 * The checkout code as a mini-program code (wxacode.getUnlimited, scene = the 22-character token) for the
 * staff screen on weapp. H5 draws a QR code of the code URL itself and never calls this.
 */
export const codeImage = action(z.object({ storeId: storeIdSchema, token: z.string().regex(/^c[0-9A-Za-z]{21}$/) }).strict(), async (ctx, input) => {
  await requireRole(ctx, input.storeId, ['owner', 'manager', 'staff'])
  const api = ctx.config.openApi
  if (!api) appError('wxacode_unavailable')
  const parsed = parseScene(input.token)
  const code = parsed?.kind === 'checkout' ? await ctx.storage.get<CodeDoc>('codes', parsed.codeKey) : null
  if (!code || code.storeId !== input.storeId) appError('not_found')
  const png = await api.getUnlimitedQr({ scene: input.token, page: PAY_PAGE })
  return { pngBase64: Buffer.from(png).toString('base64') }
})

/**
 * What the member's confirmation screen shows before they claim a code (SPEC §8: amount, shares earned,
 * optional balance offset). Reads only; a forged token is `code_invalid` here and audited when claimed.
 */
export const peekCode = action(z.object({ token: z.string().max(64) }).strict(), async (ctx, input) => {
  const openid = requireOpenid(ctx)
  const parsed = parseScene(input.token)
  const code = parsed?.kind === 'checkout' ? await ctx.storage.get<CodeDoc>('codes', parsed.codeKey) : null
  const store = code ? await loadStore(ctx, code.storeId) : null
  if (!parsed || parsed.kind !== 'checkout' || !code || !store || !verifyCheckoutMac(ctx.crypto, store.signingSecret, parsed, code.storeId, code.amountFen)) appError('code_invalid')
  const rules = (await rulesAt(ctx, code.scopeId, ctx.nowMs)).rules
  const memberId = memberIdFor(ctx.crypto, code.scopeId, openid)
  const member = await ctx.storage.get<MemberDoc>('members', memberId)
  const account = member ? await ctx.storage.get<AccountDoc>('accounts', memberId) : null
  const status = code.status === 'open' && ctx.nowMs >= code.expiresAtMs ? ('expired' as const) : code.status
  return {
    storeId: code.storeId,
    storeName: store.name,
    amountFen: code.amountFen,
    sharesUnits: sharesForAmount(code.amountFen, rules.fenPerShare),
    labels: rules.labels,
    status,
    claimedBySelf: code.claimedByMemberId === memberId,
    isMember: member !== null,
    frozen: member?.frozen ?? false,
    availableFen: account?.availableFen ?? 0,
    expiresAtMs: code.expiresAtMs,
  }
})

/** The page a scanned checkout code opens (no leading slash: wxacode's rule). */
export const PAY_PAGE = 'pages/pay/index'

/** Today's captures in the store (Asia/Shanghai day), newest first. */
export const todayCaptures = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  await requireRole(ctx, input.storeId, ['owner', 'manager', 'staff'])
  const page = await ctx.storage.query<PurchaseDoc>('purchases', {
    where: { storeId: input.storeId, capturedAtMs: { gte: businessDayStartMs(ctx.nowMs) } },
    orderBy: [['capturedAtMs', 'desc']],
    limit: 200,
  })
  return page.docs.map((p) => ({
    purchaseId: p._id,
    amountFen: p.amountFen,
    offsetFen: p.offsetFen,
    refundedFen: p.refundedFen,
    capturedAtMs: p.capturedAtMs,
    memberLabel: maskedName(null, p.memberId),
  }))
})

const captureInput = z
  .object({
    token: z.string().max(64),
    offsetFen: fenSchema.max(MAX_CHECKOUT_FEN).default(0),
    /** The referral code the device kept (SPEC §6), used only if this capture makes the caller a member. */
    referralCode: z.string().regex(/^[0-9A-Za-z]{8}$/).optional(),
    nickname: z.string().trim().min(1).max(20).optional(),
  })
  .strict()

/** A member claims a checkout code (SPEC §4.2–4.3). */
export const capture = action(captureInput, async (ctx, input): Promise<CaptureResult> => {
  const openid = requireOpenid(ctx)
  const codeKey = checkoutCodeKey(input.token)
  const code = codeKey ? await ctx.storage.get<CodeDoc>('codes', codeKey) : null
  const store = code ? await loadStore(ctx, code.storeId) : null
  const scopeId = code?.scopeId ?? ''
  const version = code ? await rulesAt(ctx, scopeId, ctx.nowMs) : null
  const memberId = code ? memberIdFor(ctx.crypto, scopeId, openid) : null
  const member = memberId ? await ctx.storage.get<MemberDoc>('members', memberId) : null
  const account = member && input.offsetFen > 0 ? await ctx.storage.get<AccountDoc>('accounts', member._id) : null

  const decision = decideCapture(ctx.crypto, {
    token: input.token,
    code: code ? codeRecord(code) : null,
    storeSecret: store?.signingSecret ?? '',
    caller: { memberId: member?._id ?? null, frozen: member?.frozen ?? false, availableFen: account?.availableFen ?? 0 },
    offsetFen: input.offsetFen,
    fenPerShare: version?.rules.fenPerShare ?? 1,
    nowMs: ctx.nowMs,
  })
  if (decision.kind === 'reject') {
    if (isSecurityEvent(decision)) {
      await writeAudit(ctx, {
        action: 'forged_code',
        scopeId: code?.scopeId ?? null,
        storeId: code?.storeId ?? null,
        target: codeKey,
        after: { reason: decision.invalidReason },
      })
    }
    appError(decision.code)
  }
  if (decision.kind === 'replay') return replayResult(ctx, code!)
  const rules = version!.rules
  const plan = decision.plan
  const c = code!

  // Fraud checks read before the transaction; their flags are written inside it. The member's recent
  // capture times in this store come with the member (no query); the stored list is written back in the
  // transaction from this read, so two captures by one member at the same instant may keep one time.
  const flagged: FraudFlagDoc[] = []
  const flagFor = (id: string) => (hit: { rule: string; evidence: Readonly<Record<string, string | number>> } | null) => {
    if (hit) flagged.push(fraudFlag(ctx, scopeId, c.storeId, id, hit.rule, hit.evidence, c._id))
  }
  const recent = recentCaptureWindow(member?.recentCaptures?.[c.storeId], ctx.nowMs, rules.fraud)
  if (member) flagFor(member._id)(rapidCaptures(recent.earlierInWindow, rules.fraud))
  const stats = await loadStoreStats(ctx, c.storeId)
  const targetId = memberId!
  flagFor(targetId)(selfClaim(c.createdByOpenid, openid))
  if (stats) flagFor(targetId)(outlierPurchase(plan.amountFen, quantileFen(stats.histogram, 0.99), stats.histogram.count, rules.fraud))
  const joining = member ? null : await planNewMember(ctx, scopeId, openid, input.referralCode ?? null, input.nickname ?? null, rules)

  const period = periodOf(ctx.nowMs, rules.periodLength)
  // forReferrer is decided in the transaction, from the member as stored there.
  const purchase: Omit<PurchaseDoc, 'forReferrer'> = {
    _id: purchaseId(c._id),
    codeKey: c._id,
    storeId: c.storeId,
    scopeId,
    memberId: targetId,
    amountFen: plan.amountFen,
    offsetFen: plan.offsetFen,
    sharesUnits: plan.sharesUnits,
    fenPerShare: rules.fenPerShare,
    ruleVersion: version!.version,
    capturedAtMs: ctx.nowMs,
    periodId: period.id,
    staffOpenid: c.createdByOpenid,
    refundedFen: 0,
    refundedUnits: 0,
  }

  const outcome = await ctx.storage.transaction(async (tx): Promise<'applied' | 'replay'> => {
    const fresh = await tx.get<CodeDoc>('codes', c._id)
    if (!fresh) throw new AppError('code_invalid')
    // Between the checks above and this transaction another claim may have landed.
    if (fresh.status === 'claimed') {
      if (fresh.claimedByMemberId === targetId) return 'replay'
      throw new AppError('code_already_claimed')
    }
    if (fresh.status === 'voided') throw new AppError('code_voided')
    if (ctx.nowMs >= fresh.expiresAtMs) throw new AppError('code_expired')
    const stored = joining ? await createMemberTx(tx, joining) : member!
    if (stored.frozen) throw new AppError('member_frozen')
    if (plan.offsetFen > 0) {
      const acc = await tx.get<AccountDoc>('accounts', targetId)
      if (!acc || acc.availableFen < plan.offsetFen) throw new AppError('offset_invalid')
      await postEntries(tx, ctx, acc, [{ id: `offset:${c._id}`, effect: ledgerEffects.offset(plan.offsetFen) }], { periodId: period.id, ref: purchase._id })
    }
    await tx.set<CodeDoc>('codes', {
      ...fresh,
      status: 'claimed',
      claimedByMemberId: targetId,
      claimedAtMs: ctx.nowMs,
      offsetFen: plan.offsetFen,
      claimedByName: maskedName(stored.nickname, targetId),
    })
    const counted: PurchaseDoc = { ...purchase, forReferrer: countsForReferrer(stored, ctx.nowMs, rules.referral.windowDays) }
    await tx.set<PurchaseDoc>('purchases', counted)
    // The period totals a settlement reads (services/contribution.ts), with the purchase or not at all.
    await tx.update('members', stored._id, { inc: memberUnitsInc(counted, counted.sharesUnits), set: { [`recentCaptures.${c.storeId}`]: recent.next } })
    await tx.update('storeStats', c.storeId, {
      inc: { ...storeSalesInc(counted, counted.amountFen), 'histogram.count': 1, [`histogram.buckets.${bucketKey(plan.amountFen)}`]: 1 },
    })
    for (const flag of flagged) await tx.set('fraudFlags', flag)
    if (flagged.length) {
      await writeAuditTx(tx, ctx, { action: 'fraud_flagged', scopeId, storeId: c.storeId, target: targetId, after: flagged.map((f) => f.rule) })
    }
    return 'applied'
  })
  if (outcome === 'replay') return replayResult(ctx, c)
  return resultOf(purchase, false)
})

function codeRecord(code: CodeDoc): CheckoutCodeRecord {
  return {
    codeKey: code._id,
    storeId: code.storeId,
    amountFen: code.amountFen,
    status: code.status,
    expiresAtMs: code.expiresAtMs,
    claimedByMemberId: code.claimedByMemberId,
  }
}

async function replayResult(ctx: ServiceContext, code: CodeDoc): Promise<CaptureResult> {
  const purchase = await ctx.storage.get<PurchaseDoc>('purchases', purchaseId(code._id))
  if (!purchase) throw new Error(`claimed code ${code._id} has no purchase`)
  return resultOf(purchase, true)
}

function resultOf(p: Omit<PurchaseDoc, 'forReferrer'>, replayed: boolean): CaptureResult {
  return {
    purchaseId: p._id,
    storeId: p.storeId,
    amountFen: p.amountFen,
    offsetFen: p.offsetFen,
    cashDueFen: p.amountFen - p.offsetFen,
    sharesUnits: p.sharesUnits,
    periodId: p.periodId,
    capturedAtMs: p.capturedAtMs,
    replayed,
  }
}

export const checkoutActions = { createCode, voidCode, codeStatus, codeImage, peekCode, todayCaptures, capture }
