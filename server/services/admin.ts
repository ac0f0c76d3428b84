import * as z from 'zod'
import { periodOf, previousPeriod } from '../../domain/period/calendar'
import { lintPromotionalText, lintRules } from '../../domain/rules/lint'
import { newRuleVersion } from '../../domain/rules/versioning'
import { maskedName } from '../../domain/referral/binding'
import { ledgerEffects } from '../../domain/wallet/ledgerEffects'
import { ruleSetSchema } from '../../types/rules'
import type { LedgerEffect } from '../../types/ledger'
import type { AccountDoc, AuditDoc, FraudFlagDoc, MemberDoc, PurchaseDoc, RuleVersionDoc, SettlementDoc, StoreDoc } from '../model'
import { action } from '../runtime/action'
import { AppError, appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'
import { periodSales, scan } from './aggregate'
import { writeAuditTx } from './audit'
import { reserveAccountId } from './ids'
import { liabilitiesId, postEntries, type LiabilitiesDoc } from './ledger'
import { branchBoundViolations } from './chains'
import { requireRole, requireScopeAdmin } from './roles'
import { forgetRules, ruleHistory, rulesAt } from './scopeCache'

const storeIdSchema = z.string().min(1).max(64)
const memberIdSchema = z.string().regex(/^m[0-9A-Za-z]{16}$/)
const DAY_MS = 86_400_000

/** SPEC §8 dashboard figures and fund-safety alerts, for the owner and managers. */
export const dashboard = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner', 'manager'])
  const scopeId = role.scopeId
  const store = (await ctx.storage.get<StoreDoc>('stores', input.storeId))!
  const rules = (await rulesAt(ctx, scopeId, ctx.nowMs)).rules
  const period = periodOf(ctx.nowMs, rules.periodLength)
  const members = await ctx.storage.count('members', { scopeId })
  // New members per week, the last 8 weeks (oldest first); each window is (end − 7 days, end], so the
  // current one includes this instant.
  const growth: { weekEndMs: number; joined: number }[] = []
  for (let w = 7; w >= 0; w--) {
    const end = ctx.nowMs - w * 7 * DAY_MS
    growth.push({ weekEndMs: end, joined: await ctx.storage.count('members', { scopeId, joinedAtMs: { gt: end - 7 * DAY_MS, lte: end } }) })
  }
  const { capturedFen } = await periodSales(ctx, scopeId, period.id)
  // Captured revenue per week, the same 8 windows as growth (oldest first).
  const revenue = growth.map((g) => ({ weekEndMs: g.weekEndMs, capturedFen: 0 }))
  const since = ctx.nowMs - 8 * 7 * DAY_MS
  for await (const p of scan<PurchaseDoc>(ctx, 'purchases', { where: { scopeId, capturedAtMs: { gt: since } } })) {
    const week = 7 - Math.floor((ctx.nowMs - p.capturedAtMs) / (7 * DAY_MS))
    const bucket = revenue[week]
    if (bucket) bucket.capturedFen += p.amountFen - p.refundedFen
  }
  const liabilitiesFen = (await ctx.storage.get<LiabilitiesDoc>('counters', liabilitiesId(scopeId)))?.fen ?? 0
  const reserveFen = (await ctx.storage.get<AccountDoc>('accounts', reserveAccountId(scopeId)))?.availableFen ?? 0
  const estimate = await ctx.storage.get<{ _id: string; poolFen: number; distributableFen: number }>('counters', `estimate:${scopeId}:${period.id}`)
  const last = await ctx.storage.get<SettlementDoc>('settlements', `${scopeId}:${previousPeriod(period).id}`)
  const lastCoverage = last && last.capturedFen > 0 ? last.totals.distributableFen / last.capturedFen : null
  const oldPending = await ctx.storage.count('withdrawals', { scopeId, status: 'pending', requestedAtMs: { lt: ctx.nowMs - 3 * DAY_MS } })
  const alerts: { code: string; messageZh: string }[] = []
  if (liabilitiesFen > reserveFen + store.settings.cashBufferFen) {
    alerts.push({ code: 'liabilities_above_cover', messageZh: '会员余额合计超过储备金与现金备付之和，请关注兑付资金。' })
  }
  if (lastCoverage !== null && lastCoverage > 0.2) alerts.push({ code: 'coverage_high', messageZh: '上期分红占营业额比例超过 20%，分红负担较重。' })
  if (oldPending > 0) alerts.push({ code: 'withdrawals_waiting', messageZh: `有 ${oldPending} 笔提现申请等待超过 3 天。` })
  return {
    storeName: store.name,
    periodId: period.id,
    /** The period that ended last (the one to declare and settle), and the server's now (the dev clock locally). */
    previousPeriodId: previousPeriod(period).id,
    previousStatus: last?.status ?? null,
    nowMs: ctx.nowMs,
    members,
    growth,
    revenue,
    capturedFen,
    poolEstimateFen: estimate?.poolFen ?? null,
    reserveFen,
    liabilitiesFen,
    lastCoverage,
    alerts,
  }
})

/** An edit makes a new rule version, in force from the next period; the lint is returned with it. */
export const editRules = action(z.object({ storeId: storeIdSchema, rules: ruleSetSchema }).strict(), async (ctx, input) => {
  const role = await requireScopeAdmin(ctx, input.storeId)
  const violations = await branchBoundViolations(ctx, input.storeId, input.rules)
  if (violations.length > 0) appError('rules_out_of_bounds', violations.map((v) => v.field).join(', '))
  const history = await ruleHistory(ctx, role.scopeId)
  const version = newRuleVersion(history, input.rules, ctx.nowMs)
  await ctx.storage.transaction(async (tx) => {
    await tx.set<RuleVersionDoc>('ruleVersions', { _id: `${role.scopeId}:v${version.version}`, scopeId: role.scopeId, ...version, createdByOpenid: role.openid })
    await writeAuditTx(tx, ctx, { action: 'rules_edited', scopeId: role.scopeId, storeId: input.storeId, target: `v${version.version}`, after: input.rules })
  })
  forgetRules(role.scopeId)
  return { version: version.version, effectiveFromMs: version.effectiveFromMs, lint: lintRules(input.rules) }
})

/** Checks text the owner wants to publish; any promise of a return is an error (SPEC §3). */
export const lintText = action(z.object({ storeId: storeIdSchema, text: z.string().max(2000) }).strict(), async (ctx, input) => {
  await requireRole(ctx, input.storeId, ['owner', 'manager'])
  return lintPromotionalText(input.text)
})

export const fraudFlags = action(z.object({ storeId: storeIdSchema, status: z.enum(['open', 'cleared', 'member_frozen']).default('open') }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner', 'manager'])
  const page = await ctx.storage.query<FraudFlagDoc>('fraudFlags', { where: { scopeId: role.scopeId, status: input.status }, orderBy: [['createdAtMs', 'desc']], limit: 200 })
  return page.docs.map((f) => ({ flagId: f._id, memberId: f.memberId, memberLabel: maskedName(null, f.memberId), rule: f.rule, evidence: f.evidence, createdAtMs: f.createdAtMs, status: f.status }))
})

/**
 * The owner reviews a flag: clear it, or freeze the member (SPEC §9). Freezing moves the available balance
 * to frozen; later the owner unfreezes (back to available) or forfeits (to the reserve).
 */
export const reviewFlag = action(z.object({ storeId: storeIdSchema, flagId: z.string().min(1).max(64), decision: z.enum(['clear', 'freeze']) }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner'])
  return ctx.storage.transaction(async (tx) => {
    const flag = await tx.get<FraudFlagDoc>('fraudFlags', input.flagId)
    if (!flag || flag.scopeId !== role.scopeId) appError('not_found')
    if (flag.status !== 'open') appError('conflict', 'flag already reviewed')
    if (input.decision === 'freeze') await setFrozen(tx, ctx, role.scopeId, flag.memberId, true, `freeze:${flag._id}`)
    await tx.update('fraudFlags', flag._id, { set: { status: input.decision === 'clear' ? 'cleared' : 'member_frozen' } })
    await writeAuditTx(tx, ctx, { action: `flag_${input.decision}`, scopeId: role.scopeId, storeId: input.storeId, target: flag.memberId, before: 'open', after: input.decision })
    return { flagId: flag._id, decision: input.decision }
  })
})

export const unfreezeMember = action(z.object({ storeId: storeIdSchema, memberId: memberIdSchema, requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/) }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner'])
  return ctx.storage.transaction(async (tx) => {
    await setFrozen(tx, ctx, role.scopeId, input.memberId, false, `unfreeze:${input.requestId}`)
    await writeAuditTx(tx, ctx, { action: 'member_unfrozen', scopeId: role.scopeId, storeId: input.storeId, target: input.memberId })
    return { memberId: input.memberId, frozen: false }
  })
})

/** The frozen balance goes to the reserve; the member stays frozen until unfrozen. */
export const forfeitFrozen = action(z.object({ storeId: storeIdSchema, memberId: memberIdSchema, requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/) }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner'])
  return ctx.storage.transaction(async (tx) => {
    const member = await tx.get<MemberDoc>('members', input.memberId)
    if (!member || member.scopeId !== role.scopeId) appError('not_found')
    const acc = (await tx.get<AccountDoc>('accounts', input.memberId))!
    const amount = acc.frozenFen
    if (amount <= 0) return { memberId: input.memberId, forfeitedFen: 0 }
    await post(tx, ctx, acc, `forfeit:${input.requestId}`, ledgerEffects.forfeit(acc), null)
    const reserve = (await tx.get<AccountDoc>('accounts', reserveAccountId(role.scopeId)))!
    await post(tx, ctx, reserve, `forfeit_in:${input.requestId}`, ledgerEffects.reserveForfeit(amount), input.memberId)
    await writeAuditTx(tx, ctx, { action: 'frozen_forfeited', scopeId: role.scopeId, storeId: input.storeId, target: input.memberId, before: amount, after: 0 })
    return { memberId: input.memberId, forfeitedFen: amount }
  })
})

async function setFrozen(tx: Transaction, ctx: ServiceContext, scopeId: string, memberId: string, frozen: boolean, entryId: string) {
  const member = await tx.get<MemberDoc>('members', memberId)
  if (!member || member.scopeId !== scopeId) throw new AppError('not_found')
  if (member.frozen === frozen) return
  const acc = (await tx.get<AccountDoc>('accounts', memberId))!
  const effect = frozen ? ledgerEffects.freeze(acc) : ledgerEffects.unfreeze(acc)
  if (effect.availableDeltaFen !== 0 || effect.frozenDeltaFen !== 0) await post(tx, ctx, acc, entryId, effect, null)
  await tx.update('members', memberId, { set: { frozen } })
}

/** An owner's correction with a reason (SPEC §7): a new entry, never an edit. */
export const adjustBalance = action(
  z.object({ storeId: storeIdSchema, memberId: memberIdSchema, amountFen: z.number().int().min(-100_000_000).max(100_000_000).refine((n) => n !== 0), reason: z.string().trim().min(1).max(200), requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/) }).strict(),
  async (ctx, input) => {
    const role = await requireRole(ctx, input.storeId, ['owner'])
    return ctx.storage.transaction(async (tx) => {
      const entryId = `adj:${input.requestId}`
      if (await tx.get('ledger', entryId)) return { entryId, replayed: true }
      const acc = await tx.get<AccountDoc>('accounts', input.memberId)
      if (!acc || acc.scopeId !== role.scopeId || acc.kind !== 'member') appError('not_found')
      await post(tx, ctx, acc, entryId, ledgerEffects.adjustment(input.amountFen), input.reason)
      await writeAuditTx(tx, ctx, { action: 'balance_adjusted', scopeId: role.scopeId, storeId: input.storeId, target: input.memberId, before: acc.availableFen, after: acc.availableFen + input.amountFen })
      return { entryId, replayed: false }
    })
  },
)

async function post(tx: Transaction, ctx: ServiceContext, acc: AccountDoc, entryId: string, effect: LedgerEffect, note: string | null) {
  await postEntries(tx, ctx, acc, [{ id: entryId, effect, note }], { periodId: null, ref: null })
}

/** The append-only audit log, newest first (owner). */
export const auditLog = action(z.object({ storeId: storeIdSchema, after: z.string().max(512).optional() }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner'])
  const page = await ctx.storage.query<AuditDoc>('audit', { where: { scopeId: role.scopeId }, orderBy: [['atMs', 'desc']], limit: 50, after: input.after })
  return {
    entries: page.docs.map((a) => ({ id: a._id, atMs: a.atMs, action: a.action, target: a.target, before: a.before, after: a.after, byOwner: a.actorOpenid === role.openid })),
    next: page.next,
  }
})

/** The member list for the owner: nickname, join date, status, balance. */
export const memberList = action(z.object({ storeId: storeIdSchema, after: z.string().max(512).optional() }).strict(), async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner', 'manager'])
  const page = await ctx.storage.query<MemberDoc>('members', { where: { scopeId: role.scopeId }, orderBy: [['joinedAtMs', 'desc']], limit: 50, after: input.after })
  const accounts = new Map((await ctx.storage.getMany<AccountDoc>('accounts', page.docs.map((m) => m._id))).map((a) => [a._id, a]))
  return {
    members: page.docs.map((m) => ({
      memberId: m._id,
      nickname: m.nickname ?? maskedName(null, m._id),
      joinedAtMs: m.joinedAtMs,
      frozen: m.frozen,
      referred: m.referredBy !== null,
      availableFen: accounts.get(m._id)?.availableFen ?? 0,
    })),
    next: page.next,
  }
})

export const adminActions = { dashboard, editRules, lintText, fraudFlags, reviewFlag, unfreezeMember, forfeitFrozen, adjustBalance, auditLog, memberList }
