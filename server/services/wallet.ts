import * as z from 'zod'
import { businessDay } from '../../domain/period/calendar'
import { maskedName } from '../../domain/referral/binding'
import { countsTowardDailyLimit, FINAL_STATUSES, planWithdrawalRequest, transitionWithdrawal, type WithdrawalEvent } from '../../domain/wallet/withdrawal'
import type { LedgerEffect } from '../../types/ledger'
import { fenSchema } from '../../types/moneySchema'
import type { AccountDoc, LedgerDoc, MemberDoc, RoleDoc, StoreDoc, WithdrawalDoc } from '../model'
import { action } from '../runtime/action'
import { AppError, appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'
import { writeAuditTx } from './audit'
import { postEntries } from './ledger'
import { enqueueNoticeTx } from './outbox'
import { requireMember } from './memberContext'
import { requireRole } from './roles'
import { rulesAt } from './scopeCache'

const storeIdSchema = z.string().min(1).max(64)
const requestIdSchema = z.string().regex(/^[0-9A-Za-z_-]{8,64}$/)

/** The member's balance and ledger entries, newest first, page by page. */
export const myLedger = action(z.object({ storeId: storeIdSchema, after: z.string().max(512).optional() }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  const account = await ctx.storage.get<AccountDoc>('accounts', self.memberId)
  const page = await ctx.storage.query<LedgerDoc>('ledger', {
    where: { accountId: self.memberId },
    orderBy: [['createdAtMs', 'desc']],
    limit: 50,
    after: input.after,
  })
  return {
    balances: { availableFen: account?.availableFen ?? 0, heldFen: account?.heldFen ?? 0, frozenFen: account?.frozenFen ?? 0 },
    entries: page.docs.map((e) => ({ id: e._id, kind: e.kind, amountFen: e.amountFen, createdAtMs: e.createdAtMs, periodId: e.periodId, note: e.note })),
    next: page.next,
  }
})

/**
 * A withdrawal request (SPEC §7): the amount moves from available to held at once. The client makes the
 * request id before sending, so a retry answers with the same withdrawal, never a second one.
 */
export const requestWithdrawal = action(z.object({ storeId: storeIdSchema, amountFen: fenSchema.min(1), requestId: requestIdSchema }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  const rules = (await rulesAt(ctx, self.scopeId, ctx.nowMs)).rules
  const id = `w:${self.memberId}:${input.requestId}`
  const day = businessDay(ctx.nowMs)
  return ctx.storage.transaction(async (tx) => {
    const existing = await tx.get<WithdrawalDoc>('withdrawals', id)
    if (existing) {
      if (existing.amountFen !== input.amountFen) appError('conflict', 'request id reused with another amount')
      return publicWithdrawal(existing)
    }
    const member = await tx.get<MemberDoc>('members', self.memberId)
    const account = await tx.get<AccountDoc>('accounts', self.memberId)
    if (!member || !account) appError('not_found')
    // The day's total lives in a counter read inside the transaction, so concurrent requests cannot
    // together pass the limit.
    const counter = await tx.get<DailyCounterDoc>('counters', dailyCounterId(self.memberId, day))
    const requestedTodayFen = counter?.valueFen ?? 0
    const plan = planWithdrawalRequest({ amountFen: input.amountFen, balances: account, memberFrozen: member.frozen, requestedTodayFen, rules: rules.withdrawal })
    if (!plan.ok) throw new AppError(plan.code)
    await tx.set<DailyCounterDoc>('counters', { _id: dailyCounterId(self.memberId, day), valueFen: requestedTodayFen + plan.value.amountFen })
    const w: WithdrawalDoc = {
      _id: id,
      scopeId: self.scopeId,
      memberId: self.memberId,
      amountFen: plan.value.amountFen,
      feeFen: plan.value.feeFen,
      status: 'pending',
      requestedAtMs: ctx.nowMs,
      day,
      reason: null,
      note: null,
      decidedByOpenid: null,
      decidedAtMs: null,
      payoutStoreId: input.storeId,
      transferBillNo: null,
    }
    await postEffects(tx, ctx, account, id, plan.value.effects, 'hold')
    await tx.set('withdrawals', w)
    return publicWithdrawal(w)
  })
})

export const myWithdrawals = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  const page = await ctx.storage.query<WithdrawalDoc>('withdrawals', { where: { memberId: self.memberId }, orderBy: [['requestedAtMs', 'desc']], limit: 100 })
  const transfers = ctx.config.transfers
  return {
    withdrawals: page.docs.map(publicWithdrawal),
    /** For `wx.requestMerchantTransfer`, when WeChat Pay transfers are on. */
    transferApp: transfers ? { mchId: transfers.mchId, appId: transfers.appId } : null,
  }
})

/** The member cancels their own pending request: held → available. */
export const cancelWithdrawal = action(z.object({ storeId: storeIdSchema, withdrawalId: z.string().min(1).max(160) }).strict(), async (ctx, input) => {
  const self = await requireMember(ctx, input.storeId)
  return ctx.storage.transaction(async (tx) => {
    const w = await tx.get<WithdrawalDoc>('withdrawals', input.withdrawalId)
    if (!w || w.memberId !== self.memberId) appError('not_found')
    return applyTransition(tx, ctx, w, { type: 'cancel' }, self.openid)
  })
})

/** Who may review a scope's withdrawals: its stores' owners, and managers where the store allows it. */
export async function requireReviewer(ctx: ServiceContext, storeId: string): Promise<RoleDoc> {
  const role = await requireRole(ctx, storeId, ['owner', 'manager'])
  if (role.role === 'manager') {
    const store = await ctx.storage.get<StoreDoc>('stores', storeId)
    if (!store?.settings.managerCanReviewWithdrawals) appError('forbidden')
  }
  return role
}

export const withdrawalQueue = action(z.object({ storeId: storeIdSchema, status: z.enum(['pending', 'approved', 'transferring']).default('pending') }).strict(), async (ctx, input) => {
  const role = await requireReviewer(ctx, input.storeId)
  const page = await ctx.storage.query<WithdrawalDoc>('withdrawals', {
    where: { scopeId: role.scopeId, status: input.status },
    orderBy: [['requestedAtMs', 'asc']],
    limit: 200,
  })
  return page.docs.map((w) => ({ ...publicWithdrawal(w), memberLabel: maskedName(null, w.memberId), pendingDays: Math.floor((ctx.nowMs - w.requestedAtMs) / 86_400_000) }))
})

const reviewInput = z.object({ storeId: storeIdSchema, withdrawalId: z.string().min(1).max(160) })

/** Owner (or manager when allowed) reviews on the phone: approve, reject with a reason, mark paid with a note. */
export const reviewWithdrawal = action(
  z.discriminatedUnion('decision', [
    reviewInput.extend({ decision: z.literal('approve') }).strict(),
    reviewInput.extend({ decision: z.literal('reject'), reason: z.string().trim().min(1).max(200) }).strict(),
    reviewInput.extend({ decision: z.literal('markPaid'), note: z.string().trim().max(200).default('') }).strict(),
  ]),
  async (ctx, input) => {
    const role = await requireReviewer(ctx, input.storeId)
    const event: WithdrawalEvent =
      input.decision === 'approve'
        ? { type: 'approve' }
        : input.decision === 'reject'
          ? { type: 'reject', reason: input.reason }
          : { type: 'markPaid', note: input.note }
    return ctx.storage.transaction(async (tx) => {
      const w = await tx.get<WithdrawalDoc>('withdrawals', input.withdrawalId)
      if (!w || w.scopeId !== role.scopeId) appError('not_found')
      return applyTransition(tx, ctx, w, event, role.openid)
    })
  },
)

/** One step of the withdrawal state machine with its ledger entries, counter, notice and audit record. */
export async function applyTransition(tx: Transaction, ctx: ServiceContext, w: WithdrawalDoc, event: WithdrawalEvent, actor: string | null, patch: Partial<WithdrawalDoc> = {}) {
  const t = transitionWithdrawal(w.status, event, w)
  if (!t.ok) throw new AppError(t.code)
  const account = await tx.get<AccountDoc>('accounts', w.memberId)
  if (!account) throw new Error(`withdrawal ${w._id} has no account`)
  await postEffects(tx, ctx, account, w._id, t.value.effects, t.value.to)
  if (countsTowardDailyLimit(w.status) && !countsTowardDailyLimit(t.value.to)) {
    // Rejected and cancelled requests stop counting toward their day's limit (SPEC §3).
    const counter = await tx.get<DailyCounterDoc>('counters', dailyCounterId(w.memberId, w.day))
    if (counter) await tx.set<DailyCounterDoc>('counters', { ...counter, valueFen: Math.max(0, counter.valueFen - w.amountFen) })
  }
  const next: WithdrawalDoc = {
    ...w,
    status: t.value.to,
    reason: event.type === 'reject' || event.type === 'transferFailed' ? event.reason : w.reason,
    note: event.type === 'markPaid' ? event.note : w.note,
    decidedByOpenid: actor ?? w.decidedByOpenid,
    decidedAtMs: ctx.nowMs,
    ...patch,
  }
  await tx.set('withdrawals', next)
  if (FINAL_STATUSES.has(next.status) && next.status !== 'cancelled') {
    await enqueueNoticeTx(tx, ctx, `${w._id}:${next.status}`, 'withdrawal_decided', w.scopeId, { memberId: w.memberId }, { status: next.status, amountFen: w.amountFen, netFen: w.amountFen - w.feeFen, reason: next.reason ?? '' })
  }
  await writeAuditTx(tx, ctx, { action: `withdrawal_${event.type}`, scopeId: w.scopeId, storeId: w.payoutStoreId, target: w._id, before: w.status, after: t.value.to })
  return publicWithdrawal(next)
}

/** Entry ids derive from the withdrawal and the step, so a retried step cannot post twice. */
async function postEffects(tx: Transaction, ctx: ServiceContext, account: AccountDoc, ref: string, effects: readonly LedgerEffect[], step: string) {
  await postEntries(tx, ctx, account, effects.map((effect, i) => ({ id: `${ref}:${step}:${i}`, effect })), { periodId: null, ref })
}

interface DailyCounterDoc {
  readonly _id: string
  readonly valueFen: number
}

function dailyCounterId(memberId: string, day: string): string {
  return `wd:${memberId}:${day}`
}

export function publicWithdrawal(w: WithdrawalDoc) {
  return {
    withdrawalId: w._id,
    amountFen: w.amountFen,
    feeFen: w.feeFen,
    netFen: w.amountFen - w.feeFen,
    status: w.status,
    requestedAtMs: w.requestedAtMs,
    reason: w.reason,
    decidedAtMs: w.decidedAtMs,
    transferState: w.transferState ?? null,
    /** Present while WeChat Pay waits for the member to confirm receipt (`wx.requestMerchantTransfer`). */
    confirmPackage: w.status === 'transferring' && w.transferState === 'WAIT_USER_CONFIRM' ? (w.transferPackageInfo ?? null) : null,
  }
}

export const walletActions = { myLedger, requestWithdrawal, myWithdrawals, cancelWithdrawal }
export const withdrawalAdminActions = { withdrawalQueue, reviewWithdrawal }
