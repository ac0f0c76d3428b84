import { withinReferralWindow } from '../../domain/referral/binding'
import type { Period } from '../../domain/period/calendar'
import type { RuleSet } from '../../types/rules'
import type { MemberComponents, StaffSales } from '../../types/settlement'
import type { MemberDoc, PointsDoc, PurchaseDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import { MAX_PAGE, type Doc, type Page, type QuerySpec } from '../storage/types'
import type { CollectionName } from '../storage/collections'

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
  /** Sales by staff openid (captured amount less refunds). */
  readonly staffSales: Map<string, number>
  readonly capturedFen: number
}

/**
 * SPEC §5's components for every member of a scope in a period, read from storage: own shares (net of
 * refunds), shares of directly referred members within the window, interaction points, and — only when
 * w.held is non-zero — holdings at period start. Every member appears, in memberId order.
 */
export async function aggregatePeriod(ctx: ServiceContext, scopeId: string, period: Period, rules: RuleSet): Promise<PeriodAggregate> {
  const info = new Map<string, { referredBy: string | null; boundAtMs: number | null; frozen: boolean; own: number; referred: number; points: number; held: number }>()
  for await (const page of scanPages<MemberDoc>(ctx, 'members', { where: { scopeId }, orderBy: [['_id', 'asc']] })) {
    for (const m of page) info.set(m._id, { referredBy: m.referredBy, boundAtMs: m.boundAtMs, frozen: m.frozen, own: 0, referred: 0, points: 0, held: 0 })
  }
  const staffSales = new Map<string, number>()
  let capturedFen = 0
  for await (const page of scanPages<PurchaseDoc>(ctx, 'purchases', { where: { scopeId, periodId: period.id } })) {
    for (const p of page) {
      const net = p.sharesUnits - p.refundedUnits
      const sales = p.amountFen - p.refundedFen
      capturedFen += sales
      staffSales.set(p.staffOpenid, (staffSales.get(p.staffOpenid) ?? 0) + sales)
      const buyer = info.get(p.memberId)
      if (!buyer || net <= 0) continue
      buyer.own += net
      if (buyer.referredBy && buyer.boundAtMs !== null && withinReferralWindow(buyer.boundAtMs, p.capturedAtMs, rules.referral.windowDays)) {
        const referrer = info.get(buyer.referredBy)
        if (referrer) referrer.referred += net
      }
    }
  }
  for await (const page of scanPages<PointsDoc>(ctx, 'points', { where: { scopeId, periodId: period.id } })) {
    for (const pt of page) {
      const m = info.get(pt.memberId)
      if (m) m.points += pt.points
    }
  }
  if (rules.weights.held > 0) {
    for await (const page of scanPages<PurchaseDoc>(ctx, 'purchases', { where: { scopeId, capturedAtMs: { lt: period.startMs } } })) {
      for (const p of page) {
        const m = info.get(p.memberId)
        if (m) m.held += p.sharesUnits - p.refundedUnits
      }
    }
  }
  const members: MemberComponents[] = []
  for (const [memberId, m] of info) {
    members.push({ memberId, ownUnits: m.own, referredUnits: m.referred, points: m.points, heldUnits: Math.max(0, m.held), frozen: m.frozen })
  }
  return { members, staffSales, capturedFen }
}

export function staffSalesList(sales: Map<string, number>): StaffSales[] {
  return [...sales].map(([staffId, salesFen]) => ({ staffId, salesFen: Math.max(0, salesFen) }))
}
