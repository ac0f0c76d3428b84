import type { ServiceContext } from '../runtime/context'
import { randomId } from './ids'

export type NoticeKind = 'dividend_paid' | 'withdrawal_decided' | 'profit_missing'

/**
 * Notifications go through an outbox: the action records what to tell whom, and a sender delivers it
 * (subscribe messages in production). Local mode only records them.
 */
export async function enqueueNotice(ctx: ServiceContext, kind: NoticeKind, scopeId: string, to: { memberId?: string; storeId?: string }, data: Record<string, unknown>) {
  await ctx.storage.create('outbox', {
    _id: randomId(ctx.crypto, 'ob'),
    kind,
    scopeId,
    to,
    data,
    status: ctx.config.mode === 'local' ? 'recorded' : 'pending',
    createdAtMs: ctx.nowMs,
  })
}
