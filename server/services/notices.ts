import * as z from 'zod'
import { formatFen } from '../../domain/money/format'
import { periodLabelZh, type PeriodId } from '../../domain/period/calendar'
import type { LedgerDoc, MemberDoc, RoleDoc } from '../model'
import type { WxOpenApi } from '../platform/wxOpenApi'
import { action } from '../runtime/action'
import type { ServiceContext } from '../runtime/context'
import { scan } from './aggregate'
import { memberIdFor } from './ids'
import { memberSelf } from './memberContext'
import { NOTICE_KINDS, type NoticeKind, type OutboxDoc } from './outbox'

/**
 * Subscribe messages (订阅消息). WeChat grants one send per acceptance of `wx.requestSubscribeMessage`, so
 * each acceptance is counted and each send spends one; nobody gets a message they did not ask for.
 */
export interface SubscriptionDoc {
  /** `${scopeId}:${openid}` */
  readonly _id: string
  readonly scopeId: string
  readonly openid: string
  readonly quota: Readonly<Partial<Record<NoticeKind, number>>>
}

/** A template chosen in the WeChat console: its id and which of its fields carries each value. */
export interface NoticeTemplate {
  readonly id: string
  readonly fields: Readonly<Record<string, string>>
}
export type NoticeTemplates = Readonly<Partial<Record<NoticeKind, NoticeTemplate>>>

/** WeChat keeps at most this many unspent acceptances per template; counting past it would promise sends that fail. */
const MAX_QUOTA = 50

/** The app calls this with the kinds the person accepted in `wx.requestSubscribeMessage`. */
export const subscribeNotices = action(
  z.object({ storeId: z.string().min(1).max(64), accepted: z.array(z.enum(NOTICE_KINDS)).min(1).max(NOTICE_KINDS.length) }).strict(),
  async (ctx, input) => {
    const self = await memberSelf(ctx, input.storeId)
    const id = `${self.scopeId}:${self.openid}`
    return ctx.storage.transaction(async (tx) => {
      const doc = (await tx.get<SubscriptionDoc>('subscriptions', id)) ?? { _id: id, scopeId: self.scopeId, openid: self.openid, quota: {} }
      const quota = { ...doc.quota }
      for (const kind of new Set(input.accepted)) quota[kind] = Math.min(MAX_QUOTA, (quota[kind] ?? 0) + 1)
      await tx.set<SubscriptionDoc>('subscriptions', { ...doc, quota })
      return { quota }
    })
  },
)

const STATUS_ZH: Record<string, string> = { paid: '已打款', rejected: '已驳回', failed: '转账未成功，已退回余额' }

/** What each notice says (semantic fields; the template maps them to its own), and the page it opens. */
export function noticeContent(kind: NoticeKind, data: OutboxDoc['data'], amountFen?: number): { page: string; values: Record<string, string> } {
  const period = typeof data.periodId === 'string' ? periodLabelZh(data.periodId as PeriodId) : ''
  switch (kind) {
    case 'dividend_paid':
      return { page: 'pages/dividends/index', values: { period, amount: formatFen(amountFen ?? 0), note: '分红来源于门店利润，不保证收益' } }
    case 'withdrawal_decided':
      return {
        page: 'pages/wallet/index',
        values: { amount: formatFen(Number(data.netFen ?? 0)), status: STATUS_ZH[String(data.status)] ?? String(data.status), note: String(data.reason || '—').slice(0, 20) },
      }
    case 'profit_missing':
      return { page: 'pages/owner/settle/index', values: { period, note: '请申报本期利润以完成分红结算' } }
  }
}

interface Recipient {
  readonly openid: string
  readonly amountFen?: number
}

async function* recipients(ctx: ServiceContext, notice: OutboxDoc): AsyncGenerator<Recipient> {
  if (notice.kind === 'withdrawal_decided' && notice.to.memberId) {
    const member = await ctx.storage.get<MemberDoc>('members', notice.to.memberId)
    if (member?.openid) yield { openid: member.openid }
  } else if (notice.kind === 'profit_missing' && notice.to.storeId) {
    for await (const role of scan<RoleDoc>(ctx, 'roles', { where: { storeId: notice.to.storeId, role: 'owner' } })) yield { openid: role.openid }
  } else if (notice.kind === 'dividend_paid') {
    // Only people who subscribed are told; their amount is their dividend entry, found by its id.
    for await (const sub of scan<SubscriptionDoc>(ctx, 'subscriptions', { where: { scopeId: notice.scopeId } })) {
      if (!sub.quota.dividend_paid) continue
      const memberId = memberIdFor(ctx.crypto, notice.scopeId, sub.openid)
      const entry = await ctx.storage.get<LedgerDoc>('ledger', `div:${notice.scopeId}:${notice.data.periodId}:${memberId}`)
      if (entry && entry.amountFen > 0) yield { openid: sub.openid, amountFen: entry.amountFen }
    }
  }
}

export interface DeliveryReport {
  readonly notices: number
  readonly sent: number
  /** No acceptance left, or WeChat said the person had none. */
  readonly skipped: number
  readonly failed: number
}

/**
 * Sends pending notices. Each (notice, person) is claimed by creating a delivery document first, so a
 * re-run never sends twice; an acceptance is spent by a conditional decrement before the send.
 */
export async function deliverOutbox(ctx: ServiceContext, api: WxOpenApi, templates: NoticeTemplates): Promise<DeliveryReport> {
  const report = { notices: 0, sent: 0, skipped: 0, failed: 0 }
  for await (const notice of scan<OutboxDoc>(ctx, 'outbox', { where: { status: 'pending' }, orderBy: [['createdAtMs', 'asc']] })) {
    report.notices++
    const template = templates[notice.kind]
    for await (const to of template ? recipients(ctx, notice) : emptyRecipients()) {
      if ((await ctx.storage.create('deliveries', { _id: `${notice._id}:${to.openid}`, atMs: ctx.nowMs })) === 'exists') continue
      const subId = `${notice.scopeId}:${to.openid}`
      const spent = await ctx.storage.update('subscriptions', subId, { inc: { [`quota.${notice.kind}`]: -1 } }, { [`quota.${notice.kind}`]: { gte: 1 } })
      if (!spent || !template) {
        report.skipped++
        continue
      }
      const content = noticeContent(notice.kind, notice.data, to.amountFen)
      const data = Object.fromEntries(Object.entries(template.fields).map(([field, key]) => [key, content.values[field] ?? '']))
      try {
        const outcome = await api.sendSubscribe({ openid: to.openid, templateId: template.id, page: content.page, data })
        if (outcome === 'sent') report.sent++
        else report.skipped++
      } catch (error) {
        report.failed++
        console.warn(`notice ${notice._id} to a subscriber: ${(error as Error).message}`)
      }
    }
    await ctx.storage.update('outbox', notice._id, { set: { status: 'sent', sentAtMs: ctx.nowMs } }, { status: 'pending' })
  }
  return report
}

async function* emptyRecipients(): AsyncGenerator<Recipient> {}

/** `SUBSCRIBE_TEMPLATES`: JSON `{ "<kind>": { "id": "<template id>", "fields": { "<value>": "<template field>" } } }`. */
export function noticeTemplatesFromEnv(env: NodeJS.ProcessEnv): NoticeTemplates {
  if (!env.SUBSCRIBE_TEMPLATES) return {}
  return JSON.parse(env.SUBSCRIBE_TEMPLATES) as NoticeTemplates
}
