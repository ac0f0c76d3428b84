import * as z from 'zod'
import { businessDay, periodOf } from '../../domain/period/calendar'
import { maskedName } from '../../domain/referral/binding'
import { lintRules } from '../../domain/rules/lint'
import { cappedPoints, contributionIndex, scaleWeights } from '../../domain/settlement/contributionIndex'
import { DISCLOSURE_ZH } from '../../types/disclosure'
import type { AccountDoc, MemberDoc, PointsDoc, PurchaseDoc, RuleVersionDoc, SettlementDoc } from '../model'
import { action } from '../runtime/action'
import { AppError, appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { scan } from './aggregate'
import { heldBefore, lifetimeUnits, unitsIn } from './contribution'
import { writeAuditTx } from './audit'
import { createMemberTx, planNewMember } from './members'
import { memberSelf, requireMember } from './memberContext'
import { ruleHistory, rulesAt } from './scopeCache'
import { snapshotRow } from './snapshot'

const storeIdSchema = z.string().min(1).max(64)
const nicknameSchema = z.string().trim().min(1).max(20)

/** Joining is free (SPEC §3): it creates the membership, binding the referral the device kept if allowed. */
export const join = action(
  z.object({ storeId: storeIdSchema, referralCode: z.string().regex(/^[0-9A-Za-z]{8}$/).optional(), nickname: nicknameSchema.optional() }).strict(),
  async (ctx, input) => {
    const self = await memberSelf(ctx, input.storeId)
    if (self.member) return { memberId: self.memberId, joined: false }
    const rules = (await rulesAt(ctx, self.scopeId, ctx.nowMs)).rules
    const plan = await planNewMember(ctx, self.scopeId, self.openid, input.referralCode ?? null, input.nickname ?? null, rules)
    await ctx.storage.transaction((tx) => createMemberTx(tx, plan))
    return { memberId: self.memberId, joined: true }
  },
)

/** The nickname the member typed (`<input type="nickname">`); shown masked to others. */
export const setNickname = action(z.object({ storeId: storeIdSchema, nickname: nicknameSchema }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  await ctx.storage.update('members', self.memberId, { set: { nickname: input.nickname } })
  return { nickname: input.nickname }
})

/** The home card (SPEC §8): my shares, this period's contribution, an estimate, my balance. */
export const home = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  const self = await memberSelf(ctx, input.storeId)
  const version = await rulesAt(ctx, self.scopeId, ctx.nowMs)
  const rules = version.rules
  const period = periodOf(ctx.nowMs, rules.periodLength)
  const base = { storeName: self.store.name, labels: rules.labels, disclosure: DISCLOSURE_ZH, periodId: period.id, periodEndMs: period.endMs }
  if (!self.member) return { ...base, isMember: false as const }
  // The same running totals the settlement reads (services/contribution.ts): what the card shows is what counts.
  const ownUnits = unitsIn(self.member, period.id).own
  const referredUnits = (await refereeContributions(ctx, self.scopeId, self.memberId, period.id)).reduce((s, r) => s + r.units, 0)
  const points = (await periodPoints(ctx, self.scopeId, period.id, self.memberId)).reduce((s, p) => s + p.points, 0)
  const weights = scaleWeights(rules.weights)
  const pointsCounted = cappedPoints(points, rules.interaction.capPerPeriod)
  const heldUnits = heldBefore(self.member, period.startMs)
  const index = contributionIndex({ memberId: self.memberId, ownUnits, referredUnits, points, heldUnits, frozen: false }, weights, pointsCounted)
  const account = await ctx.storage.get<AccountDoc>('accounts', self.memberId)
  const estimate = await ctx.storage.get<{ _id: string; totalIndex: string; memberPoolFen: number }>('counters', `estimate:${self.scopeId}:${period.id}`)
  const estimatedDividendFen =
    estimate && BigInt(estimate.totalIndex) > 0n ? Number((BigInt(estimate.memberPoolFen) * BigInt(index)) / BigInt(estimate.totalIndex)) : null
  return {
    ...base,
    isMember: true as const,
    memberId: self.memberId,
    nickname: self.member.nickname,
    referralCode: self.member.referralCode,
    frozen: self.member.frozen,
    sharesUnits: lifetimeUnits(self.member),
    period: { ownUnits, referredUnits, points, pointsCounted, heldUnits, index },
    estimatedDividendFen,
    balances: { availableFen: account?.availableFen ?? 0, heldFen: account?.heldFen ?? 0, frozenFen: account?.frozenFen ?? 0 },
  }
})

async function periodPoints(ctx: ServiceContext, scopeId: string, periodId: string, memberId: string): Promise<PointsDoc[]> {
  const page = await ctx.storage.query<PointsDoc>('points', { where: { scopeId, periodId, memberId }, limit: 1000 })
  return page.docs
}

/** Each direct referee and the shares of theirs that count for this member in the period (SPEC §5–§6). */
async function refereeContributions(ctx: ServiceContext, scopeId: string, memberId: string, periodId: string) {
  const out: { referee: MemberDoc; units: number }[] = []
  for await (const referee of scan<MemberDoc>(ctx, 'members', { where: { scopeId, referredBy: memberId } })) {
    out.push({ referee, units: unitsIn(referee, periodId).forReferrer })
  }
  return out
}

/** My referees, masked (张**), with what their purchases added to my contribution this period (SPEC §6). */
export const myReferees = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  const rules = (await rulesAt(ctx, self.scopeId, ctx.nowMs)).rules
  const period = periodOf(ctx.nowMs, rules.periodLength)
  const list = await refereeContributions(ctx, self.scopeId, self.memberId, period.id)
  return list.map(({ referee, units }) => ({ name: maskedName(referee.nickname, referee._id), joinedAtMs: referee.joinedAtMs, periodUnits: units }))
})

/**
 * Each settled period with its transparency figures (SPEC §8): pool, reserve, my components, my index, the
 * total index, my share and amount, and the rule version used.
 */
export const dividendHistory = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  const settled = await ctx.storage.query<SettlementDoc>('settlements', { where: { scopeId: self.scopeId }, orderBy: [['periodId', 'desc']], limit: 40 })
  const out = []
  for (const s of settled.docs) {
    if (s.status !== 'settled') continue
    const mine = await snapshotRow(ctx.storage, s, self.memberId)
    out.push({
      periodId: s.periodId,
      ruleVersion: s.ruleVersion,
      profitFen: s.totals.profitFen,
      poolFen: s.totals.poolFen,
      reserveInFen: s.totals.reserveInFen,
      reserveDrawFen: s.totals.reserveDrawFen,
      distributableFen: s.totals.distributableFen,
      memberPoolFen: s.totals.memberPoolFen,
      totalIndex: s.totals.totalIndex,
      mine,
      settledAtMs: s.settledAtMs,
    })
  }
  return out
})

/** Check-in: 1 point a Shanghai day (SPEC §2); the period cap applies at settlement and on the home card. */
export const checkIn = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  const rules = (await rulesAt(ctx, self.scopeId, ctx.nowMs)).rules
  const day = businessDay(ctx.nowMs)
  const doc: PointsDoc = {
    _id: `ck:${self.memberId}:${day}`,
    scopeId: self.scopeId,
    periodId: periodOf(ctx.nowMs, rules.periodLength).id,
    memberId: self.memberId,
    points: 1,
    kind: 'checkin',
    createdAtMs: ctx.nowMs,
  }
  const created = (await ctx.storage.create('points', doc)) === 'created'
  return { day, checkedIn: true, alreadyToday: !created }
})

/** A review of one of my purchases: 1 point per purchase reviewed, once. */
export const reviewPurchase = action(
  z.object({ storeId: storeIdSchema, purchaseId: z.string().regex(/^p:[0-9A-Za-z]{10}$/), rating: z.number().int().min(1).max(5), text: z.string().trim().max(200).default('') }).strict(),
  async (ctx, input) => {
    const self = await requireMember(ctx, input.storeId)
    const purchase = await ctx.storage.get<PurchaseDoc>('purchases', input.purchaseId)
    if (!purchase || purchase.memberId !== self.memberId) appError('not_found')
    const doc: PointsDoc = {
      _id: `rv:${purchase._id}`,
      scopeId: self.scopeId,
      // The point belongs to the period in which the review is written.
      periodId: periodOf(ctx.nowMs, (await rulesAt(ctx, self.scopeId, ctx.nowMs)).rules.periodLength).id,
      memberId: self.memberId,
      points: 1,
      kind: 'review',
      createdAtMs: ctx.nowMs,
      rating: input.rating,
      text: input.text,
    }
    if ((await ctx.storage.create('points', doc)) === 'exists') throw new AppError('conflict', 'already reviewed')
    return { purchaseId: purchase._id, points: 1 }
  },
)

/** The rules in force, their history and the compliance lint: readable by anyone (透明, 可预期). */
export const rules = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  const self = await memberSelf(ctx, input.storeId)
  const history = await ruleHistory(ctx, self.scopeId)
  const current = await rulesAt(ctx, self.scopeId, ctx.nowMs)
  const docs = await ctx.storage.query<RuleVersionDoc>('ruleVersions', { where: { scopeId: self.scopeId }, orderBy: [['version', 'desc']], limit: 100 })
  return {
    inForce: { version: current.version, rules: current.rules, effectiveFromMs: current.effectiveFromMs },
    upcoming: history.filter((v) => v.effectiveFromMs > ctx.nowMs).map((v) => ({ version: v.version, effectiveFromMs: v.effectiveFromMs })),
    history: docs.docs.map((d) => ({ version: d.version, effectiveFromMs: d.effectiveFromMs, createdAtMs: d.createdAtMs, rules: d.rules })),
    lint: lintRules(current.rules),
    disclosure: DISCLOSURE_ZH,
  }
})

/**
 * A person's deletion request (SPEC §7): personal fields are blanked and the openid is dropped from the
 * member document; the memberId (one-way from the openid), the account and the ledger stay, so balances
 * and settlements remain auditable. Money is not forfeited: a balance can still be withdrawn first, and
 * the request is refused while a withdrawal is pending so it cannot be orphaned.
 */
export const requestDeletion = action(z.object({ storeId: storeIdSchema, confirm: z.literal('删除我的个人信息') }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  const pending = await ctx.storage.count('withdrawals', { memberId: self.memberId, status: { in: ['pending', 'approved', 'transferring'] } })
  if (pending > 0) throw new AppError('conflict', 'a withdrawal is still open')
  await ctx.storage.transaction(async (tx) => {
    const member = await tx.get<MemberDoc>('members', self.memberId)
    if (!member || member.anonymizedAtMs) return
    await tx.update('members', self.memberId, { set: { nickname: null, openid: '', anonymizedAtMs: ctx.nowMs } })
    await writeAuditTx(tx, ctx, { action: 'member_anonymized', scopeId: self.scopeId, storeId: input.storeId, target: self.memberId })
  })
  return { memberId: self.memberId, anonymized: true }
})

export const memberActions = { join, setNickname, home, myReferees, dividendHistory, checkIn, reviewPurchase, rules, requestDeletion }
