import type { Period } from '../../domain/period/calendar'
import type { RuleSet } from '../../types/rules'
import type { MemberComponents, StaffSales } from '../../types/settlement'
import type { MemberDoc, PointsDoc, StoreDoc, StoreStatsDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import { MAX_PAGE, type Doc, type Page, type QuerySpec } from '../storage/types'
import type { CollectionName } from '../storage/collections'
import { heldBefore, periodKey, unitsIn } from './contribution'

/**
 * Every document matching a query, a page at a time (CloudBase returns at most 1000 per request). The next
 * page is requested before this one is handed out, so on CloudBase the round trip overlaps the caller's
 * work. Big scans iterate pages rather than documents: an async iteration per document costs a promise each.
 */
export async function* scanPages<T extends Doc>(ctx: ServiceContext, collection: CollectionName, spec: Omit<QuerySpec, 'after' | 'limit'>): AsyncGenerator<T[]> {
  let pending: Promise<Page<T>> | null = ctx.storage.query<T>(collection, { ...spec, limit: MAX_PAGE })
  while (pending) {
    const page: Page<T> = await pending
    pending = page.next ? ctx.storage.query<T>(collection, { ...spec, limit: MAX_PAGE, after: page.next }) : null
    if (page.docs.length) yield page.docs
  }
}

/** Every document matching a query, one by one. */
export async function* scan<T extends Doc>(ctx: ServiceContext, collection: CollectionName, spec: Omit<QuerySpec, 'after' | 'limit'>): AsyncGenerator<T> {
  for await (const docs of scanPages<T>(ctx, collection, spec)) yield* docs
}

export interface PeriodAggregate {
  readonly members: MemberComponents[]
  /** Sales by staffKey(creator openid) (captured amount less refunds). */
  readonly staffSales: Map<string, number>
  readonly capturedFen: number
}

type Components = { -readonly [K in keyof MemberComponents]: MemberComponents[K] }

/**
 * SPEC §5's components for every member of a scope in a period: own shares (net of refunds), shares of
 * directly referred members earned within the window, interaction points, and — only when w.held is
 * non-zero — holdings at period start. Shares come from the period totals kept on each member, sales from
 * the store statistics (services/contribution.ts): one document per member instead of every purchase.
 * Every member appears, in memberId order.
 */
export async function aggregatePeriod(ctx: ServiceContext, scopeId: string, period: Period, rules: RuleSet): Promise<PeriodAggregate> {
  const members: Components[] = []
  const byId = new Map<string, Components>()
  const forReferrers: [string, number][] = []
  for await (const page of scanPages<MemberDoc>(ctx, 'members', { where: { scopeId }, orderBy: [['_id', 'asc']] })) {
    for (const m of page) {
      const units = unitsIn(m, period.id)
      const row: Components = {
        memberId: m._id,
        ownUnits: Math.max(0, units.own),
        referredUnits: 0,
        points: 0,
        heldUnits: rules.weights.held > 0 ? heldBefore(m, period.startMs) : 0,
        frozen: m.frozen,
      }
      members.push(row)
      byId.set(m._id, row)
      if (m.referredBy && units.forReferrer > 0) forReferrers.push([m.referredBy, units.forReferrer])
    }
  }
  for (const [referrerId, units] of forReferrers) {
    const referrer = byId.get(referrerId)
    if (referrer) referrer.referredUnits += units
  }
  for await (const page of scanPages<PointsDoc>(ctx, 'points', { where: { scopeId, periodId: period.id } })) {
    for (const pt of page) {
      const m = byId.get(pt.memberId)
      if (m) m.points += pt.points
    }
  }
  return { members, ...(await periodSales(ctx, scopeId, period.id)) }
}

/** A period's captured revenue and each staff member's sales across the scope's stores, net of refunds. */
export async function periodSales(ctx: ServiceContext, scopeId: string, periodId: string): Promise<{ capturedFen: number; staffSales: Map<string, number> }> {
  const key = periodKey(periodId)
  const staffSales = new Map<string, number>()
  let capturedFen = 0
  for await (const page of scanPages<StoreDoc>(ctx, 'stores', { where: { scopeId } })) {
    for (const store of page) {
      const sales = (await ctx.storage.get<StoreStatsDoc>('storeStats', store._id))?.periods?.[key]
      if (!sales) continue
      capturedFen += sales.salesFen
      for (const [staff, fen] of Object.entries(sales.staff)) staffSales.set(staff, (staffSales.get(staff) ?? 0) + fen)
    }
  }
  return { capturedFen, staffSales }
}

export function staffSalesList(sales: Map<string, number>): StaffSales[] {
  return [...sales].map(([staffId, salesFen]) => ({ staffId, salesFen: Math.max(0, salesFen) }))
}
