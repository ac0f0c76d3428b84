import { settlementDigest } from '../../domain/settlement/digest'
import { settlementBreaches } from '../../domain/settlement/invariants'
import type { SettlementMemberRow } from '../../types/settlement'
import type { AccountDoc, LedgerDoc, SettlementDoc, SnapshotChunkDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import { scan } from './aggregate'
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
  const seenAccounts = new Set<string>()
  for await (const a of scan<AccountDoc>(ctx, 'accounts', { where: {} })) {
    accounts++
    seenAccounts.add(a._id)
    const s = sums.get(a._id) ?? { total: 0, available: 0, held: 0, frozen: 0 }
    if (a.availableFen + a.heldFen + a.frozenFen !== s.total) breaches.push(`account ${a._id}: balance ${a.availableFen + a.heldFen + a.frozenFen} ≠ Σ entries ${s.total}`)
    if (a.availableFen !== s.available || a.heldFen !== s.held || a.frozenFen !== s.frozen) breaches.push(`account ${a._id}: a bucket differs from its entries`)
    if (a.heldFen < 0 || a.frozenFen < 0) breaches.push(`account ${a._id}: negative held or frozen`)
  }
  for (const id of sums.keys()) if (!seenAccounts.has(id)) breaches.push(`entries for missing account ${id}`)

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
