import { settlementDigest } from '../../domain/settlement/digest'
import { settlementBreaches } from '../../domain/settlement/invariants'
import type { SettlementMemberRow } from '../../types/settlement'
import type { AccountDoc, LedgerDoc, MemberDoc, PurchaseDoc, SettlementDoc, SnapshotChunkDoc, StoreStatsDoc } from '../model'
import type { Doc } from '../storage/types'
import type { ServiceContext } from '../runtime/context'
import { scan } from './aggregate'
import { periodKey, staffKey } from './contribution'
import { liabilitiesId, type LiabilitiesDoc } from './ledger'
import { chunkId } from './snapshot'

export interface AuditReport {
  readonly accounts: number
  readonly entries: number
  readonly settlements: number
  readonly breaches: string[]
}

/**
 * Checks every invariant of SPEC §5 and §7 on a database: each account's available + held + frozen equals
 * the sum of its entries (and each bucket the sum of its deltas); every entry's amount is the sum of its
 * deltas; each settled period's snapshot satisfies the settlement invariants and its digest equals the one
 * recomputed from the dividend entries; no member is credited twice in a period.
 */
export async function auditInvariants(ctx: ServiceContext): Promise<AuditReport> {
  const breaches: string[] = []
  const sums = new Map<string, { total: number; available: number; held: number; frozen: number }>()
  const dividends = new Map<string, { memberId: string; amountFen: number }[]>()
  let entries = 0
  for await (const e of scan<LedgerDoc>(ctx, 'ledger', { where: {} })) {
    entries++
    if (e.amountFen !== e.availableDeltaFen + e.heldDeltaFen + e.frozenDeltaFen) breaches.push(`entry ${e._id}: amount ≠ Σ deltas`)
    const s = sums.get(e.accountId) ?? { total: 0, available: 0, held: 0, frozen: 0 }
    s.total += e.amountFen
    s.available += e.availableDeltaFen
    s.held += e.heldDeltaFen
    s.frozen += e.frozenDeltaFen
    sums.set(e.accountId, s)
    if (e.kind === 'dividend' && e.periodId) {
      const key = `${e.scopeId}:${e.periodId}`
      const list = dividends.get(key) ?? []
      list.push({ memberId: e.accountId, amountFen: e.amountFen })
      dividends.set(key, list)
    }
  }
  let accounts = 0
  const memberBalances = new Map<string, number>()
  const seenAccounts = new Set<string>()
  for await (const a of scan<AccountDoc>(ctx, 'accounts', { where: {} })) {
    accounts++
    seenAccounts.add(a._id)
    const s = sums.get(a._id) ?? { total: 0, available: 0, held: 0, frozen: 0 }
    if (a.availableFen + a.heldFen + a.frozenFen !== s.total) breaches.push(`account ${a._id}: balance ${a.availableFen + a.heldFen + a.frozenFen} ≠ Σ entries ${s.total}`)
    if (a.availableFen !== s.available || a.heldFen !== s.held || a.frozenFen !== s.frozen) breaches.push(`account ${a._id}: a bucket differs from its entries`)
    if (a.heldFen < 0 || a.frozenFen < 0) breaches.push(`account ${a._id}: negative held or frozen`)
    if (a.kind === 'member') memberBalances.set(a.scopeId, (memberBalances.get(a.scopeId) ?? 0) + a.availableFen + a.heldFen + a.frozenFen)
  }
  for (const id of sums.keys()) if (!seenAccounts.has(id)) breaches.push(`entries for missing account ${id}`)
  breaches.push(...(await liabilityBreaches(ctx, memberBalances)), ...(await periodTotalBreaches(ctx)))

  let settlements = 0
  for await (const s of scan<SettlementDoc>(ctx, 'settlements', { where: {} })) {
    settlements++
    const rows: SettlementMemberRow[] = []
    for (let c = 0; c < s.chunkCount; c++) {
      const chunk = await ctx.storage.get<SnapshotChunkDoc>('snapshotChunks', chunkId(s._id, c))
      if (!chunk) breaches.push(`settlement ${s._id}: chunk ${c} missing`)
      else rows.push(...chunk.rows)
    }
    for (const b of settlementBreaches({ totals: s.totals, members: rows, staff: s.staff })) breaches.push(`settlement ${s._id}: ${b}`)
    const paid = dividends.get(s._id) ?? []
    const once = new Set(paid.map((p) => p.memberId))
    if (once.size !== paid.length) breaches.push(`settlement ${s._id}: a member credited twice`)
    if (s.status === 'settled') {
      const fromLedger = settlementDigest(ctx.crypto, paid)
      if (fromLedger !== s.digest) breaches.push(`settlement ${s._id}: digest of the ledger ≠ stored digest`)
    } else if (s.status === 'previewed' && paid.length > 0) {
      breaches.push(`settlement ${s._id}: dividends written before commit`)
    }
  }
  return { accounts, entries, settlements, breaches }
}

/** Each scope's liabilities counter equals Σ its member balances (services/ledger.ts). */
async function liabilityBreaches(ctx: ServiceContext, memberBalances: Map<string, number>): Promise<string[]> {
  const out: string[] = []
  const scopes = new Set(memberBalances.keys())
  for await (const c of scan<LiabilitiesDoc & Doc>(ctx, 'counters', { where: {} })) {
    if (c._id === liabilitiesId(c.scopeId)) scopes.add(c.scopeId)
  }
  for (const scopeId of scopes) {
    const counter = (await ctx.storage.get<LiabilitiesDoc>('counters', liabilitiesId(scopeId)))?.fen ?? 0
    const balances = memberBalances.get(scopeId) ?? 0
    if (counter !== balances) out.push(`scope ${scopeId}: liabilities counter ${counter} ≠ Σ member balances ${balances}`)
  }
  return out
}

/**
 * The period totals kept on members and store statistics (services/contribution.ts) equal what the
 * purchases say: shares net of refunds (and the part counting for the referrer) per member and period,
 * sales per store, period and staff member.
 */
async function periodTotalBreaches(ctx: ServiceContext): Promise<string[]> {
  // memberId → period key → shares
  const units = new Map<string, Map<string, { own: number; forReferrer: number }>>()
  const sales = new Map<string, number>()
  const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n)
  for await (const p of scan<PurchaseDoc>(ctx, 'purchases', { where: {} })) {
    const byPeriod = units.get(p.memberId) ?? new Map<string, { own: number; forReferrer: number }>()
    units.set(p.memberId, byPeriod)
    const u = byPeriod.get(periodKey(p.periodId)) ?? { own: 0, forReferrer: 0 }
    byPeriod.set(periodKey(p.periodId), u)
    const net = p.sharesUnits - p.refundedUnits
    u.own += net
    if (p.forReferrer) u.forReferrer += net
    add(sales, `${p.storeId} ${periodKey(p.periodId)}`, p.amountFen - p.refundedFen)
    add(sales, `${p.storeId} ${periodKey(p.periodId)} ${staffKey(p.staffOpenid)}`, p.amountFen - p.refundedFen)
  }
  const out: string[] = []
  const compare = (what: string, stored: number, expected: number) => {
    if (stored !== expected) out.push(`${what}: kept ${stored} ≠ ${expected} from the purchases`)
  }
  for await (const m of scan<MemberDoc>(ctx, 'members', { where: {} })) {
    const expected = units.get(m._id) ?? new Map<string, { own: number; forReferrer: number }>()
    units.delete(m._id)
    for (const key of new Set([...Object.keys(m.periodUnits ?? {}), ...expected.keys()])) {
      const kept = m.periodUnits?.[key] ?? { own: 0, forReferrer: 0 }
      const sum = expected.get(key) ?? { own: 0, forReferrer: 0 }
      compare(`member ${m._id} ${key} shares`, kept.own, sum.own)
      compare(`member ${m._id} ${key} shares for the referrer`, kept.forReferrer, sum.forReferrer)
    }
  }
  for (const memberId of units.keys()) out.push(`purchases of ${memberId} but no such member`)
  for await (const st of scan<StoreStatsDoc>(ctx, 'storeStats', { where: {} })) {
    for (const [key, period] of Object.entries(st.periods ?? {})) {
      compare(`store ${st._id} ${key} sales`, period.salesFen, sales.get(`${st._id} ${key}`) ?? 0)
      sales.delete(`${st._id} ${key}`)
      for (const [staff, fen] of Object.entries(period.staff)) {
        compare(`store ${st._id} ${key} sales of ${staff}`, fen, sales.get(`${st._id} ${key} ${staff}`) ?? 0)
        sales.delete(`${st._id} ${key} ${staff}`)
      }
    }
  }
  for (const [key, fen] of sales) if (fen !== 0) out.push(`store sales ${key}: ${fen} in the purchases, none kept`)
  return out
}
