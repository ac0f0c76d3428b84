import type { AuditDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'
import { randomId } from './ids'

export interface AuditEntry {
  readonly action: string
  readonly scopeId?: string | null
  readonly storeId?: string | null
  readonly target?: string | null
  readonly before?: unknown
  readonly after?: unknown
}

function auditDoc(ctx: ServiceContext, entry: AuditEntry): AuditDoc {
  return {
    _id: `${String(ctx.nowMs).padStart(15, '0')}_${randomId(ctx.crypto, 'a', 10)}`,
    scopeId: entry.scopeId ?? null,
    storeId: entry.storeId ?? null,
    atMs: ctx.nowMs,
    actorOpenid: ctx.caller.openid,
    action: entry.action,
    target: entry.target ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: ctx.requestId,
  }
}

/** Append-only audit log (SPEC §9): who, when, what, before and after. */
export async function writeAudit(ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await ctx.storage.create('audit', auditDoc(ctx, entry))
}

/** The same, inside a transaction, so an admin action and its audit record land together. */
export async function writeAuditTx(tx: Transaction, ctx: ServiceContext, entry: AuditEntry): Promise<void> {
  await tx.set('audit', auditDoc(ctx, entry))
}
