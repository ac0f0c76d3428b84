import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { sharesForAmount } from '../domain/money/shares'
import { FUNCTIONS } from '../server/functions'
import { localContext } from '../server/local/localContext'
import type { AccountDoc, MemberDoc, ProfitDoc, PurchaseDoc, StoreStatsDoc } from '../server/model'
import { nodeCrypto } from '../server/nodeCrypto'
import { dispatch } from '../server/runtime/dispatch'
import { countsForReferrer, PurchaseTotals } from '../server/services/contribution'
import { memberIdFor } from '../server/services/ids'
import { markTotalsCurrent } from '../server/services/backfill'
import { SqliteStorage } from '../server/storage/sqliteStorage'
import { seededRandom } from './stats'

export interface SettleDb {
  readonly file: string
  readonly storeId: string
  readonly scopeId: string
  readonly members: number
  readonly purchases: number
  readonly periodId: string
  readonly dueMs: number
  readonly buildMs: number | null
  /** The layout of the documents; a database of another format is built again. */
  readonly format?: number
}

/**
 * 2: members and store statistics carry the period totals (services/contribution.ts); 3: indexed fields in
 * columns of their own (a format-2 database would be converted on open, which takes longer than a build).
 */
const FORMAT = 3

const OWNER = 'bench_owner'
const QUARTER_START = Date.parse('2026-06-30T16:00:00Z') // 2026Q3 in Shanghai
const QUARTER_MS = 92 * 86_400_000
const PERIOD = '2026Q3'

/**
 * 1,000,000 members, 3,000,000 purchases in 2026Q3 and 20% of members referred, built once under
 * .data/bench/settle/ by bulk load (the build time is reported apart from the timed run).
 */
export async function settleDb(members = 1_000_000, purchasesPerMember = 3): Promise<SettleDb> {
  const dir = path.resolve(__dirname, '..', '.data', 'bench', `settle-${members}`)
  const file = path.join(dir, 'store.sqlite')
  const metaFile = path.join(dir, 'meta.json')
  const existing = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, 'utf8')) as SettleDb) : null
  if (existing && existing.format !== FORMAT) rmSync(dir, { recursive: true, force: true })
  else if (existing) {
    // Opening brings a database built by an earlier version to the current schema (e.g. a dropped index),
    // so the timed run and the baseline both see the tables the code now declares.
    await new SqliteStorage({ file }).close()
    return { ...existing, buildMs: null }
  }
  mkdirSync(dir, { recursive: true })
  const started = Date.now()
  const random = seededRandom(3_000_000)
  const storage = new SqliteStorage({ file })
  // The build writes the running totals itself (below).
  await markTotalsCurrent(storage)
  process.env.BOOTSTRAP_OPENIDS = OWNER
  const created = await dispatch(FUNCTIONS.admin, { action: 'createStore', name: '结算压测门店' }, await localContext(storage, OWNER, QUARTER_START + 3_600_000))
  if (!created.ok) throw new Error(created.code)
  const { storeId, scopeId } = created.data as { storeId: string; scopeId: string }
  const ids: string[] = new Array(members)
  // What capture would have kept (services/contribution.ts), summed as the audit sums it.
  const totals = new PurchaseTotals()
  const BATCH = 50_000
  for (let from = 0; from < members; from += BATCH) {
    const memberDocs: MemberDoc[] = []
    const purchaseDocs: PurchaseDoc[] = []
    for (let i = from; i < Math.min(members, from + BATCH); i++) {
      const id = memberIdFor(nodeCrypto, scopeId, `bench_s_${i}`)
      ids[i] = id
      const joinedAtMs = QUARTER_START + Math.floor(random() * 10 * 86_400_000)
      const referredBy = i > 0 && random() < 0.2 ? ids[Math.floor(random() * i)]! : null
      const member: MemberDoc = { _id: id, scopeId, openid: `bench_s_${i}`, nickname: null, referralCode: `S${i}`, referredBy, boundAtMs: referredBy ? joinedAtMs : null, joinedAtMs, frozen: false }
      for (let k = 0; k < purchasesPerMember; k++) {
        const amountFen = 500 + Math.floor(random() * 30_000)
        const key = `b${String(i).padStart(7, '0')}${k}`.padEnd(10, '0').slice(0, 10)
        const capturedAtMs = joinedAtMs + 86_400_000 + Math.floor(random() * (QUARTER_MS - 12 * 86_400_000))
        const p: PurchaseDoc = {
          _id: `p:${key}`,
          codeKey: key,
          storeId,
          scopeId,
          memberId: id,
          amountFen,
          offsetFen: 0,
          sharesUnits: sharesForAmount(amountFen, 10_000),
          fenPerShare: 10_000,
          ruleVersion: 1,
          capturedAtMs,
          periodId: PERIOD,
          staffOpenid: OWNER,
          refundedFen: 0,
          refundedUnits: 0,
          forReferrer: countsForReferrer(member, capturedAtMs, 365),
        }
        purchaseDocs.push(p)
        totals.add(p)
      }
      memberDocs.push({ ...member, periodUnits: totals.memberUnits(id) })
      totals.units.delete(id) // written with the member; only the store's sales are needed at the end
    }
    await storage.insertMany('members', memberDocs)
    await storage.insertMany('accounts', memberDocs.map((m): AccountDoc => ({ _id: m._id, scopeId, kind: 'member', availableFen: 0, heldFen: 0, frozenFen: 0 })))
    await storage.insertMany('purchases', purchaseDocs)
  }
  const stats = (await storage.get<StoreStatsDoc>('storeStats', storeId))!
  await storage.update('storeStats', storeId, { set: { periods: { ...stats.periods, ...totals.storeSales(storeId) } } })
  const profit: ProfitDoc = { _id: `${scopeId}:2026Q3`, scopeId, periodId: PERIOD, declaredFen: 2_000_000_000, estimatedFen: null, note: 'bench', updatedAtMs: QUARTER_START + QUARTER_MS, updatedByOpenid: OWNER }
  await storage.insertMany('profits', [profit])
  await storage.close()
  const meta: SettleDb = {
    file,
    storeId,
    scopeId,
    members,
    purchases: members * purchasesPerMember,
    periodId: PERIOD,
    dueMs: QUARTER_START + QUARTER_MS + 8 * 86_400_000,
    buildMs: Date.now() - started,
    format: FORMAT,
  }
  writeFileSync(metaFile, JSON.stringify(meta))
  return meta
}
