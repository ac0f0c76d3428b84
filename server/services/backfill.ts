import { EMPTY_HISTOGRAM } from '../../domain/fraud/purchaseHistogram'
import type { AccountDoc, MemberDoc, PurchaseDoc, StoreDoc, StoreStatsDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import type { Storage } from '../storage/types'
import { scan } from './aggregate'
import { countsForReferrer, PurchaseTotals } from './contribution'
import { liabilitiesId, liabilityOf, type LiabilitiesDoc } from './ledger'
import { rulesAt } from './scopeCache'

/** Marks a database whose running totals were built (by this backfill or from the first write on). */
export const TOTALS_MARKER = 'migration:periodTotals'

/**
 * Brings a database written before the running totals existed (services/contribution.ts, the liabilities
 * counter in services/ledger.ts) up to date: each purchase's forReferrer from its buyer's binding and the
 * referral window in force at its capture, then every member's and store's period totals and every scope's
 * liabilities recomputed from the purchases and accounts. Meant for a database nobody is writing to (the
 * local host runs it before it serves); it sets each total outright, so running it again changes nothing.
 * Returns false when the marker says it was done already.
 */
export async function backfillTotals(ctx: ServiceContext): Promise<boolean> {
  if (await ctx.storage.get('counters', TOTALS_MARKER)) return false
  const members = new Map<string, MemberDoc>()
  for await (const m of scan<MemberDoc>(ctx, 'members', { where: {} })) members.set(m._id, m)
  const totals = new PurchaseTotals()
  for await (const p of scan<PurchaseDoc>(ctx, 'purchases', { where: {} })) {
    const buyer = members.get(p.memberId)
    const windowDays = (await rulesAt(ctx, p.scopeId, p.capturedAtMs)).rules.referral.windowDays
    const forReferrer = buyer ? countsForReferrer(buyer, p.capturedAtMs, windowDays) : false
    if (p.forReferrer !== forReferrer) await ctx.storage.update('purchases', p._id, { set: { forReferrer } })
    totals.add(p, forReferrer)
  }
  // Only what differs is written (a member who never bought has nothing to add).
  for (const m of members.values()) {
    const periodUnits = totals.memberUnits(m._id)
    if (!sameJson(m.periodUnits ?? {}, periodUnits)) await ctx.storage.update('members', m._id, { set: { periodUnits } })
  }
  for await (const store of scan<StoreDoc>(ctx, 'stores', { where: {} })) {
    const periods = totals.storeSales(store._id)
    const st = await ctx.storage.get<StoreStatsDoc>('storeStats', store._id)
    // A capture now updates the statistics in its transaction, so every store needs the document.
    if (!st) await ctx.storage.create<StoreStatsDoc>('storeStats', { _id: store._id, histogram: EMPTY_HISTOGRAM, periods })
    else if (!sameJson(st.periods ?? {}, periods)) await ctx.storage.update('storeStats', st._id, { set: { periods } })
  }
  const liabilities = new Map<string, number>()
  for await (const a of scan<AccountDoc>(ctx, 'accounts', { where: {} })) {
    if (a.kind === 'member') liabilities.set(a.scopeId, (liabilities.get(a.scopeId) ?? 0) + liabilityOf(a))
  }
  for (const [scopeId, fen] of liabilities) {
    if ((await ctx.storage.get<LiabilitiesDoc>('counters', liabilitiesId(scopeId)))?.fen === fen) continue
    await ctx.storage.transaction(async (tx) => {
      await tx.set<LiabilitiesDoc>('counters', { _id: liabilitiesId(scopeId), scopeId, fen })
    })
  }
  await markTotalsCurrent(ctx.storage)
  return true
}

/** For a database created with the totals from its first write (a new one, or a bench build that writes them). */
export async function markTotalsCurrent(storage: Storage): Promise<void> {
  await storage.create('counters', { _id: TOTALS_MARKER })
}

/** Key order is the same on both sides here (both built by the same code), so JSON text compares them. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
