import { periodFromId } from '../../domain/period/calendar'
import { withinReferralWindow } from '../../domain/referral/binding'
import type { MemberDoc, PeriodUnits, PurchaseDoc, StorePeriodSales } from '../model'

/**
 * Running per-period totals, written in the same transactions as the purchases and refunds they sum, so a
 * settlement reads one document per member (and one per store) instead of every purchase of the period:
 * - on the member: `periodUnits.<key>.own`, the shares earned in the period net of refunds, and
 *   `.forReferrer`, the part of them earned within the referral window, which counts for the referrer;
 * - on the store's statistics: `periods.<key>.salesFen` (captured revenue) and `.staff.<staffKey>` (each
 *   staff member's sales), net of refunds.
 * They are increments, so concurrent purchases never lose one. `npm run audit` recomputes all of them from
 * the purchases and reports any difference.
 */

/** Storage field names start with a letter and hold no '-': 2026Q3 → p2026Q3, 2026-11 → p2026_11. */
export function periodKey(periodId: string): string {
  return `p${periodId.replace('-', '_')}`
}

export function periodIdOfKey(key: string): string {
  return key.slice(1).replace('_', '-')
}

/** A staff member's openid as a field name (openids hold '-'): its UTF-8 bytes in hex. */
export function staffKey(openid: string): string {
  let hex = 'o'
  for (const byte of new TextEncoder().encode(openid)) hex += byte.toString(16).padStart(2, '0')
  return hex
}

/** Whether a purchase by this member, at this time, counts for their referrer (fixed at capture). */
export function countsForReferrer(buyer: Pick<MemberDoc, 'referredBy' | 'boundAtMs'>, capturedAtMs: number, windowDays: number): boolean {
  return buyer.referredBy !== null && buyer.boundAtMs !== null && withinReferralWindow(buyer.boundAtMs, capturedAtMs, windowDays)
}

type Counted = Pick<PurchaseDoc, 'periodId' | 'forReferrer' | 'staffOpenid'>

/** The member's increments for `units` shares of a purchase (negative for a refund). */
export function memberUnitsInc(p: Counted, units: number): Record<string, number> {
  const key = periodKey(p.periodId)
  return { [`periodUnits.${key}.own`]: units, [`periodUnits.${key}.forReferrer`]: p.forReferrer ? units : 0 }
}

/** The store's increments for `fen` of a purchase's amount (negative for a refund). */
export function storeSalesInc(p: Counted, fen: number): Record<string, number> {
  const key = periodKey(p.periodId)
  return { [`periods.${key}.salesFen`]: fen, [`periods.${key}.staff.${staffKey(p.staffOpenid)}`]: fen }
}

const NONE: PeriodUnits = { own: 0, forReferrer: 0 }

/** A member's shares in a period (net of refunds), and the part that counts for their referrer. */
export function unitsIn(m: Pick<MemberDoc, 'periodUnits'>, periodId: string): PeriodUnits {
  return m.periodUnits?.[periodKey(periodId)] ?? NONE
}

/** Holdings at an instant: the shares of every period that started before it, net of refunds. */
export function heldBefore(m: Pick<MemberDoc, 'periodUnits'>, startMs: number): number {
  let held = 0
  for (const [key, units] of Object.entries(m.periodUnits ?? {})) {
    if (periodFromId(periodIdOfKey(key)).startMs < startMs) held += units.own
  }
  return Math.max(0, held)
}

/** Every share the member ever earned, net of refunds. */
export function lifetimeUnits(m: Pick<MemberDoc, 'periodUnits'>): number {
  return Object.values(m.periodUnits ?? {}).reduce((sum, u) => sum + u.own, 0)
}

/**
 * The totals recomputed from the purchases themselves, in the shapes the documents keep them
 * (`periodUnits` per member, `periods` per store): what `npm run audit` compares the kept totals with, and
 * what the backfill writes.
 */
export class PurchaseTotals {
  /** memberId → period key → shares. */
  readonly units = new Map<string, Record<string, { own: number; forReferrer: number }>>()
  /** storeId → period key → sales. */
  readonly sales = new Map<string, Record<string, { salesFen: number; staff: Record<string, number> }>>()

  /** Adds a purchase as it stands (net of its refunds); `forReferrer` as decided for it. */
  add(p: PurchaseDoc, forReferrer = p.forReferrer): void {
    const key = periodKey(p.periodId)
    const net = p.sharesUnits - p.refundedUnits
    const mine = this.units.get(p.memberId) ?? {}
    this.units.set(p.memberId, mine)
    const u = (mine[key] ??= { own: 0, forReferrer: 0 })
    u.own += net
    if (forReferrer) u.forReferrer += net
    const store = this.sales.get(p.storeId) ?? {}
    this.sales.set(p.storeId, store)
    const s = (store[key] ??= { salesFen: 0, staff: {} })
    const fen = p.amountFen - p.refundedFen
    s.salesFen += fen
    const staff = staffKey(p.staffOpenid)
    s.staff[staff] = (s.staff[staff] ?? 0) + fen
  }

  memberUnits(memberId: string): Record<string, PeriodUnits> {
    return this.units.get(memberId) ?? {}
  }

  storeSales(storeId: string): Record<string, StorePeriodSales> {
    return this.sales.get(storeId) ?? {}
  }
}
