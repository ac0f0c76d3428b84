import tcb from '@cloudbase/node-sdk'
import { cloudbaseApp, contextFor } from '../../server/platform/cloudbase'
import { wechatPayFromEnv } from '../../server/platform/wechatPayFromEnv'
import { commitSettlementFor } from '../../server/services/settlement'
import { runDaily } from '../../server/services/timer'

/**
 * The daily timer (trigger in config.json) and its own continuation. Never callable by a user: an event
 * that carries a WeChat identity is refused. A commit that cannot finish within this invocation hands its
 * cursor to the next one by invoking this function again (SPEC §5.7).
 */
export async function main(event: { Type?: string; action?: string; scopeId?: string; periodId?: string }, context: unknown) {
  const { WX_OPENID } = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0])
  if (WX_OPENID) return { ok: false, code: 'forbidden', message: '没有权限进行此操作' }
  const ctx = contextFor(context, null, { transfers: wechatPayFromEnv })
  const options = { batchRows: 50, budgetMs: 45_000 }
  if (event?.action === 'continueCommit' && event.scopeId && event.periodId) {
    const progress = await commitSettlementFor(ctx, event.scopeId, event.periodId, options)
    if (progress.status !== 'settled') await continueLater(event.scopeId, event.periodId)
    return { ok: true, data: progress }
  }
  const report = await runDaily(ctx, options)
  for (const { scopeId, periodId } of report.unfinished) await continueLater(scopeId, periodId)
  return { ok: true, data: report }
}

async function continueLater(scopeId: string, periodId: string): Promise<void> {
  await cloudbaseApp().app.callFunction({ name: 'settlement', data: { action: 'continueCommit', scopeId, periodId } })
}
