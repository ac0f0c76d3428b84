import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'
import { randomId } from './ids'

export const NOTICE_KINDS = ['dividend_paid', 'withdrawal_decided', 'profit_missing'] as const
export type NoticeKind = (typeof NOTICE_KINDS)[number]

export interface OutboxDoc {
  readonly _id: string
  readonly kind: NoticeKind
  readonly scopeId: string
  /** A member, a store's owners, or (dividends) everyone in the scope who subscribed. */
  readonly to: { readonly memberId?: string; readonly storeId?: string }
  readonly data: Readonly<Record<string, string | number>>
  /** Local mode only records; production sends (`deliverOutbox`). */
  readonly status: 'recorded' | 'pending' | 'sent'
  readonly createdAtMs: number
  readonly sentAtMs?: number
}

function outboxDoc(ctx: ServiceContext, id: string, kind: NoticeKind, scopeId: string, to: OutboxDoc['to'], data: OutboxDoc['data']): OutboxDoc {
  return { _id: id, kind, scopeId, to, data, status: ctx.config.mode === 'local' ? 'recorded' : 'pending', createdAtMs: ctx.nowMs }
}

/**
 * Notifications go through an outbox: the action records what to tell whom, and a sender delivers it
 * (subscribe messages in production, `deliverOutbox`). Local mode only records them.
 */
export async function enqueueNotice(ctx: ServiceContext, kind: NoticeKind, scopeId: string, to: OutboxDoc['to'], data: OutboxDoc['data']) {
  await ctx.storage.create('outbox', outboxDoc(ctx, randomId(ctx.crypto, 'ob'), kind, scopeId, to, data))
}

/** The same inside a transaction, under an id derived from what happened, so a retried step records it once. */
export async function enqueueNoticeTx(tx: Transaction, ctx: ServiceContext, id: string, kind: NoticeKind, scopeId: string, to: OutboxDoc['to'], data: OutboxDoc['data']) {
  await tx.set('outbox', outboxDoc(ctx, `ob:${id}`, kind, scopeId, to, data))
}
