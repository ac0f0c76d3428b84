import { settlementDigest } from '../../domain/settlement/digest'
import { settlementBreaches } from '../../domain/settlement/invariants'
import type { SettlementMemberRow } from '../../types/settlement'
import type { AccountDoc, LedgerDoc, MemberDoc, PurchaseDoc, SettlementDoc, SnapshotChunkDoc, StoreStatsDoc } from '../model'
import type { Doc } from '../storage/types'
import type { ServiceContext } from '../runtime/context'
import { scan } from './aggregate'
import { PurchaseTotals } from './contribution'
import { liabilitiesId, liabilityOf, type LiabilitiesDoc } from './ledger'
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
    if (a.kind === 'member') memberBalances.set(a.scopeId, (memberBalances.get(a.scopeId) ?? 0) + liabilityOf(a))
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
  const totals = new PurchaseTotals()
  for await (const p of scan<PurchaseDoc>(ctx, 'purchases', { where: {} })) totals.add(p)
  const out: string[] = []
  const compare = (what: string, stored: number, expected: number) => {
    if (stored !== expected) out.push(`${what}: kept ${stored} ≠ ${expected} from the purchases`)
  }
  const none = { own: 0, forReferrer: 0 }
  for await (const m of scan<MemberDoc>(ctx, 'members', { where: {} })) {
    const kept = m.periodUnits ?? {}
    const expected = totals.memberUnits(m._id)
    totals.units.delete(m._id)
    for (const key of new Set([...Object.keys(kept), ...Object.keys(expected)])) {
      compare(`member ${m._id} ${key} shares`, (kept[key] ?? none).own, (expected[key] ?? none).own)
      compare(`member ${m._id} ${key} shares for the referrer`, (kept[key] ?? none).forReferrer, (expected[key] ?? none).forReferrer)
    }
  }
  for (const memberId of totals.units.keys()) out.push(`purchases of ${memberId} but no such member`)
  for await (const st of scan<StoreStatsDoc>(ctx, 'storeStats', { where: {} })) {
    const kept = st.periods ?? {}
    const expected = totals.storeSales(st._id)
    totals.sales.delete(st._id)
    for (const key of new Set([...Object.keys(kept), ...Object.keys(expected)])) {
      compare(`store ${st._id} ${key} sales`, kept[key]?.salesFen ?? 0, expected[key]?.salesFen ?? 0)
      const keptStaff = kept[key]?.staff ?? {}
      const expectedStaff = expected[key]?.staff ?? {}
      for (const staff of new Set([...Object.keys(keptStaff), ...Object.keys(expectedStaff)])) {
        compare(`store ${st._id} ${key} sales of ${staff}`, keptStaff[staff] ?? 0, expectedStaff[staff] ?? 0)
      }
    }
  }
  for (const [storeId, periods] of totals.sales) {
    for (const [key, period] of Object.entries(periods)) if (period.salesFen !== 0) out.push(`store sales ${storeId} ${key}: ${period.salesFen} in the purchases, none kept`)
  }
  return out
}
