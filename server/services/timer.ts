import { periodFromId, periodOf, previousPeriod } from '../../domain/period/calendar'
import { computeSettlement } from '../../domain/settlement/computeSettlement'
import { latestDuePeriod } from '../../domain/settlement/due'
import type { ProfitDoc, ScopeDoc, SettlementDoc, StoreDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import { putDoc } from '../storage/putDoc'
import { aggregatePeriod, scan, staffSalesList } from './aggregate'
import { reserveAccountId } from './ids'
import { deliverOutbox, type DeliveryReport } from './notices'
import { enqueueNotice } from './outbox'
import { rulesAt } from './scopeCache'
import { syncAllTransfers } from './transfers'
import { commitSettlementFor, DEFAULT_COMMIT, previewSettlementFor, settlementId, type CommitOptions } from './settlement'

export interface TimerReport {
  readonly scopes: number
  readonly previewed: string[]
  readonly committed: string[]
  readonly awaitingProfit: string[]
  readonly estimates: string[]
  /** Commits that ran out of time and must continue in another invocation. */
  readonly unfinished: { scopeId: string; periodId: string }[]
  /** 商家转账 in flight that were queried, and how many reached a final state. */
  readonly transfers: { checked: number; finished: number }
  /** Subscribe messages sent from the outbox (null when the open API is not configured, e.g. local mode). */
  readonly notices: DeliveryReport | null
}

/**
 * The daily timer (SPEC §5.8): for each scope, previews the latest due period (once its profit is
 * declared; otherwise the owner is reminded), commits it when autoCommit is on, and refreshes the running
 * period's estimate that members' home cards use, and queries WeChat Pay about transfers in flight.
 */
export async function runDaily(ctx: ServiceContext, commitOptions: CommitOptions = DEFAULT_COMMIT): Promise<TimerReport> {
  const report = { scopes: 0, previewed: [] as string[], committed: [] as string[], awaitingProfit: [] as string[], estimates: [] as string[], unfinished: [] as { scopeId: string; periodId: string }[], transfers: { checked: 0, finished: 0 }, notices: null as DeliveryReport | null }
  for await (const scope of scan<ScopeDoc>(ctx, 'scopes', { where: {} })) {
    report.scopes++
    const version = await rulesAt(ctx, scope._id, ctx.nowMs).catch(() => null)
    if (!version) continue
    const rules = version.rules
    const due = latestDuePeriod(rules.periodLength, rules.freezeDays, ctx.nowMs)
    const id = settlementId(scope._id, due.id)
    const firstStore = await firstStoreOf(ctx, scope._id)
    if (firstStore && firstStore.createdAtMs < due.endMs) {
      const settlement = await ctx.storage.get<SettlementDoc>('settlements', id)
      const profit = await ctx.storage.get<ProfitDoc>('profits', id)
      if (settlement?.status !== 'settled') {
        if (profit?.declaredFen === null || profit?.declaredFen === undefined) {
          report.awaitingProfit.push(id)
          await enqueueNotice(ctx, 'profit_missing', scope._id, { storeId: firstStore._id }, { periodId: due.id })
        } else {
          if (!settlement || (settlement.status === 'previewed' && settlement.stale)) {
            await previewSettlementFor(ctx, scope._id, due.id)
            report.previewed.push(id)
          }
          if (rules.autoCommit) {
            const progress = await commitSettlementFor(ctx, scope._id, due.id, commitOptions)
            if (progress.status === 'settled') report.committed.push(id)
            else report.unfinished.push({ scopeId: scope._id, periodId: due.id })
          }
        }
      }
    }
    await refreshEstimate(ctx, scope._id)
    report.estimates.push(scope._id)
  }
  report.transfers = await syncAllTransfers(ctx)
  if (ctx.config.openApi) report.notices = await deliverOutbox(ctx, ctx.config.openApi, ctx.config.noticeTemplates ?? {})
  return report
}

async function firstStoreOf(ctx: ServiceContext, scopeId: string): Promise<StoreDoc | null> {
  const page = await ctx.storage.query<StoreDoc>('stores', { where: { scopeId }, limit: 1 })
  return page.docs[0] ?? null
}

/**
 * The running period's estimate: its components so far, with the owner's estimated profit (else the last
 * settled period's profit). Stored for members' estimated dividends; never a promise.
 */
export async function refreshEstimate(ctx: ServiceContext, scopeId: string): Promise<void> {
  const version = await rulesAt(ctx, scopeId, ctx.nowMs)
  const period = periodOf(ctx.nowMs, version.rules.periodLength)
  const estimated = await ctx.storage.get<ProfitDoc>('profits', settlementId(scopeId, period.id))
  const last = await ctx.storage.get<SettlementDoc>('settlements', settlementId(scopeId, previousPeriod(period).id))
  const profitFen = estimated?.estimatedFen ?? last?.totals.profitFen ?? null
  const doc = { _id: `estimate:${scopeId}:${period.id}`, periodId: period.id, computedAtMs: ctx.nowMs, profitFen, poolFen: 0, distributableFen: 0, memberPoolFen: 0, totalIndex: '0' }
  if (profitFen !== null) {
    const aggregate = await aggregatePeriod(ctx, scopeId, periodFromId(period.id), version.rules)
    const reserve = await ctx.storage.get<{ _id: string; availableFen: number }>('accounts', reserveAccountId(scopeId))
    const table = computeSettlement({
      scopeId,
      periodId: period.id,
      ruleVersion: version.version,
      rules: version.rules,
      profitFen,
      reserveBeforeFen: reserve?.availableFen ?? 0,
      members: aggregate.members,
      staff: staffSalesList(aggregate.staffSales),
    })
    Object.assign(doc, { poolFen: table.totals.poolFen, distributableFen: table.totals.distributableFen, memberPoolFen: table.totals.memberPoolFen, totalIndex: table.totals.totalIndex })
  }
  await putDoc(ctx.storage, 'counters', doc)
}
