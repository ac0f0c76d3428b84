import * as z from 'zod'
import { isPeriodId, periodFromId } from '../../domain/period/calendar'
import { settlementReadiness } from '../../domain/settlement/due'
import { computeSettlement } from '../../domain/settlement/computeSettlement'
import { settlementDigest } from '../../domain/settlement/digest'
import { ledgerEffects } from '../../domain/wallet/ledgerEffects'
import type { LedgerEffect } from '../../types/ledger'
import { fenSchema } from '../../types/moneySchema'
import type { SettlementMemberRow } from '../../types/settlement'
import type { AccountDoc, ProfitDoc, RoleDoc, SettlementDoc, SnapshotChunkDoc } from '../model'
import { action } from '../runtime/action'
import { AppError, appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { putDoc } from '../storage/putDoc'
import type { Transaction } from '../storage/types'
import { aggregatePeriod, scan, staffSalesList } from './aggregate'
import { staffKey } from './contribution'
import { writeAudit, writeAuditTx } from './audit'
import { enqueueNoticeTx } from './outbox'
import { reserveAccountId, staffAccountId } from './ids'
import { postCredits, postEntries } from './ledger'
import { requireScopeAdmin } from './roles'
import { rulesAt } from './scopeCache'
import { chunkId } from './snapshot'

/** Snapshot rows per document (SPEC §5.6: several hundred). */
export const ROWS_PER_CHUNK = 500

const periodIdSchema = z.string().refine(isPeriodId, 'a period id like 2026Q4 or 2026-11')
const scopeInput = z.object({ storeId: z.string().min(1).max(64), periodId: periodIdSchema }).strict()

export function settlementId(scopeId: string, periodId: string): string {
  return `${scopeId}:${periodId}`
}

/** The owner acts for the store's scope; in a unified chain HQ does, through any of its stores (SPEC §1). */
async function ownerScope(ctx: ServiceContext, storeId: string): Promise<{ scopeId: string; role: RoleDoc }> {
  const role = await requireScopeAdmin(ctx, storeId)
  return { scopeId: role.scopeId, role }
}

/** SPEC §5: the owner declares a period's profit (a loss is 0), replaceable until a commit starts. */
export const declareProfit = action(
  scopeInput.extend({ profitFen: fenSchema, note: z.string().trim().max(200).default('') }).strict(),
  async (ctx, input) => {
    const { scopeId, role } = await ownerScope(ctx, input.storeId)
    const id = settlementId(scopeId, input.periodId)
    const rules = (await rulesAt(ctx, scopeId, periodFromId(input.periodId).startMs)).rules
    const period = periodFromId(input.periodId)
    if (period.length !== rules.periodLength || ctx.nowMs < period.endMs) appError('conflict', 'only an ended period of the scope can be declared')
    return ctx.storage.transaction(async (tx) => {
      const settlement = await tx.get<SettlementDoc>('settlements', id)
      if (settlement && settlement.status !== 'previewed') appError('conflict', 'settlement already committed')
      const before = await tx.get<ProfitDoc>('profits', id)
      const doc: ProfitDoc = {
        _id: id,
        scopeId,
        periodId: input.periodId,
        declaredFen: input.profitFen,
        estimatedFen: before?.estimatedFen ?? null,
        note: input.note,
        updatedAtMs: ctx.nowMs,
        updatedByOpenid: role.openid,
      }
      await tx.set('profits', doc)
      // A preview made with the old figure no longer stands.
      if (settlement) await tx.update('settlements', id, { set: { stale: true } })
      await writeAuditTx(tx, ctx, { action: 'profit_declared', scopeId, storeId: input.storeId, target: id, before: before?.declaredFen ?? null, after: input.profitFen })
      return { periodId: input.periodId, profitFen: input.profitFen }
    })
  },
)

/** An estimate for the running period, used only for members' estimated dividends (SPEC §5). */
export const setEstimatedProfit = action(scopeInput.extend({ estimatedFen: fenSchema }).strict(), async (ctx, input) => {
  const { scopeId, role } = await ownerScope(ctx, input.storeId)
  const id = settlementId(scopeId, input.periodId)
  const before = await ctx.storage.get<ProfitDoc>('profits', id)
  await ctx.storage.transaction(async (tx) => {
    await tx.set<ProfitDoc>('profits', {
      _id: id,
      scopeId,
      periodId: input.periodId,
      declaredFen: before?.declaredFen ?? null,
      estimatedFen: input.estimatedFen,
      note: before?.note ?? '',
      updatedAtMs: ctx.nowMs,
      updatedByOpenid: role.openid,
    })
    await writeAuditTx(tx, ctx, { action: 'profit_estimated', scopeId, storeId: input.storeId, target: id, before: before?.estimatedFen ?? null, after: input.estimatedFen })
  })
  return { periodId: input.periodId, estimatedFen: input.estimatedFen }
})

/**
 * Computes the full settlement table and stores it as the snapshot (SPEC §5.6): totals in the settlement
 * document, member rows in chunks. A new preview replaces an uncommitted one.
 */
export async function previewSettlementFor(ctx: ServiceContext, scopeId: string, periodId: string): Promise<SettlementDoc> {
  const period = periodFromId(periodId)
  const version = await rulesAt(ctx, scopeId, period.startMs)
  const rules = version.rules
  const id = settlementId(scopeId, periodId)
  const profit = await ctx.storage.get<ProfitDoc>('profits', id)
  const readiness = settlementReadiness(period, rules.freezeDays, profit?.declaredFen !== null && profit?.declaredFen !== undefined, ctx.nowMs)
  if (readiness.state === 'not_due') appError('conflict', 'the period has not ended plus freezeDays')
  if (readiness.state === 'awaiting_profit') appError('conflict', 'declare the profit first')
  const existing = await ctx.storage.get<SettlementDoc>('settlements', id)
  if (existing && existing.status !== 'previewed') appError('conflict', 'already committed')

  const aggregate = await aggregatePeriod(ctx, scopeId, period, rules)
  const staffIds = await staffIdsOf(ctx, scopeId)
  const reserve = await ctx.storage.get<AccountDoc>('accounts', reserveAccountId(scopeId))
  const table = computeSettlement({
    scopeId,
    periodId,
    ruleVersion: version.version,
    rules,
    profitFen: profit!.declaredFen!,
    reserveBeforeFen: reserve?.availableFen ?? 0,
    members: aggregate.members,
    // Sales are keyed by the creator's openid (as staffKey); the table names staff by `${storeId}:${staffId}`.
    // A creator with no role record (never expected) earns no staff share.
    staff: staffSalesList(aggregate.staffSales).flatMap((s) => {
      const key = staffIds.get(s.staffId)
      return key ? [{ staffId: key, salesFen: s.salesFen }] : []
    }),
  })
  const chunkCount = Math.ceil(table.members.length / ROWS_PER_CHUNK)
  const chunkFirstIds: string[] = []
  for (let c = 0; c < chunkCount; c++) {
    const rows = table.members.slice(c * ROWS_PER_CHUNK, (c + 1) * ROWS_PER_CHUNK)
    chunkFirstIds.push((rows[0] as SettlementMemberRow).memberId)
    await writeChunk(ctx, { _id: chunkId(id, c), settlementId: id, chunk: c, rows })
  }
  // Chunks of an earlier, longer preview are removed so the snapshot is exactly this table.
  for (let c = chunkCount; c < (existing?.chunkCount ?? 0); c++) await ctx.storage.remove('snapshotChunks', chunkId(id, c))
  const doc: SettlementDoc = {
    _id: id,
    scopeId,
    periodId,
    status: 'previewed',
    ruleVersion: version.version,
    totals: table.totals,
    staff: table.staff,
    chunkCount,
    chunkFirstIds,
    stale: false,
    cursorChunk: 0,
    cursorRow: 0,
    previewedAtMs: ctx.nowMs,
    commitStartedAtMs: null,
    settledAtMs: null,
    snapshotDigest: settlementDigest(ctx.crypto, table.members),
    digest: null,
    dueAtMs: readiness.dueAtMs,
    capturedFen: aggregate.capturedFen,
  }
  await ctx.storage.transaction(async (tx) => {
    const now = await tx.get<SettlementDoc>('settlements', id)
    if (now && now.status !== 'previewed') throw new AppError('conflict', 'already committed')
    await tx.set('settlements', doc)
  })
  await writeAudit(ctx, { action: 'settlement_previewed', scopeId, target: id, after: { distributableFen: table.totals.distributableFen, members: table.totals.memberCount } })
  return doc
}

async function writeChunk(ctx: ServiceContext, chunk: SnapshotChunkDoc): Promise<void> {
  await putDoc(ctx.storage, 'snapshotChunks', chunk)
}

async function staffIdsOf(ctx: ServiceContext, scopeId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for await (const r of scan<RoleDoc>(ctx, 'roles', { where: { scopeId } })) out.set(staffKey(r.openid), staffAccountKey(r))
  return out
}

function staffAccountKey(r: RoleDoc): string {
  return `${r.storeId}:${r.staffId}`
}

export const previewSettlement = action(scopeInput, async (ctx, input) => {
  const { scopeId } = await ownerScope(ctx, input.storeId)
  const doc = await previewSettlementFor(ctx, scopeId, input.periodId)
  return settlementSummary(doc)
})

/** The stored snapshot rows, page by page, for the preview table. */
export const settlementRows = action(scopeInput.extend({ chunk: z.number().int().min(0).max(1_000_000).default(0) }).strict(), async (ctx, input) => {
  const { scopeId } = await ownerScope(ctx, input.storeId)
  const id = settlementId(scopeId, input.periodId)
  const settlement = await ctx.storage.get<SettlementDoc>('settlements', id)
  if (!settlement) appError('not_found')
  const chunk = await ctx.storage.get<SnapshotChunkDoc>('snapshotChunks', chunkId(id, input.chunk))
  return { chunk: input.chunk, chunkCount: settlement.chunkCount, rows: chunk?.rows ?? [], totalIndex: settlement.totals.totalIndex }
})

export interface CommitProgress {
  readonly status: 'committing' | 'settled'
  readonly chunksDone: number
  readonly chunkCount: number
  readonly digest: string | null
}

export interface CommitOptions {
  /** Rows per transaction (CloudBase transactions stay small). */
  readonly batchRows: number
  /** Stop and hand the cursor on once this much time has passed (a CloudBase function runs ≤ 60 s). */
  readonly budgetMs: number
  /** Test aid: throw after this many batches, to prove a crash resumes to the same result. */
  readonly crashAfterBatches?: number
}

export const DEFAULT_COMMIT: CommitOptions = { batchRows: ROWS_PER_CHUNK, budgetMs: 45_000 }

/**
 * SPEC §5.7: writes exactly the snapshot — never a recomputation. Starting is a conditional update
 * (previewed → committing) so the timer and the owner cannot both start; each batch writes its ledger
 * entries, account updates and the advanced cursor in one transaction, so a crash anywhere is resumed by
 * running commit again, with the same result as an uninterrupted run.
 */
export async function commitSettlementFor(ctx: ServiceContext, scopeId: string, periodId: string, options: CommitOptions = DEFAULT_COMMIT): Promise<CommitProgress> {
  const id = settlementId(scopeId, periodId)
  const started = Date.now()
  let s = await ctx.storage.get<SettlementDoc>('settlements', id)
  if (!s) appError('not_found')
  if (s.status === 'settled') return progress(s)
  if (s.status === 'previewed') {
    if (s.stale) appError('conflict', 'preview again: profit or purchases changed since')
    const began = await ctx.storage.update('settlements', id, { set: { status: 'committing', commitStartedAtMs: ctx.nowMs } }, { status: 'previewed', stale: false })
    if (began) await writeAudit(ctx, { action: 'settlement_commit_started', scopeId, target: id })
    s = (await ctx.storage.get<SettlementDoc>('settlements', id))!
  }
  let batches = 0
  while (s.status === 'committing') {
    if (options.crashAfterBatches !== undefined && batches >= options.crashAfterBatches) throw new Error('simulated crash')
    if (Date.now() - started > options.budgetMs) return progress(s)
    // A batch hands back the settlement as it wrote it; anything else (finish, or a batch another runner
    // took) is read again.
    let next: SettlementDoc | null = null
    if (s.cursorChunk < s.chunkCount) next = await commitBatch(ctx, s, options.batchRows)
    else await finish(ctx, s)
    batches++
    s = next ?? (await ctx.storage.get<SettlementDoc>('settlements', id))!
  }
  return progress(s)
}

function progress(s: SettlementDoc): CommitProgress {
  return { status: s.status === 'settled' ? 'settled' : 'committing', chunksDone: s.cursorChunk, chunkCount: s.chunkCount, digest: s.digest }
}

/** One transaction of ledger entries and the advanced cursor. Returns the settlement as written, or null when another runner had moved on. */
async function commitBatch(ctx: ServiceContext, s: SettlementDoc, batchRows: number): Promise<SettlementDoc | null> {
  const chunk = await ctx.storage.get<SnapshotChunkDoc>('snapshotChunks', chunkId(s._id, s.cursorChunk))
  if (!chunk) throw new Error(`snapshot chunk ${s.cursorChunk} of ${s._id} is missing`)
  const from = s.cursorRow
  const rows = chunk.rows.slice(from, from + batchRows)
  const nextRow = from + rows.length
  const chunkDone = nextRow >= chunk.rows.length
  return ctx.storage.transaction(async (tx) => {
    const current = await tx.get<SettlementDoc>('settlements', s._id)
    // Another runner moved the cursor past this batch: nothing to do (and nothing may be written twice).
    if (!current || current.status !== 'committing' || current.cursorChunk !== s.cursorChunk || current.cursorRow !== from) return null
    const credits = rows
      .filter((row) => row.amountFen > 0)
      .map((row) => ({
        account: { _id: row.memberId, scopeId: s.scopeId, kind: 'member' as const },
        entry: { id: `div:${s.scopeId}:${s.periodId}:${row.memberId}`, effect: ledgerEffects.dividend(row.amountFen, row.frozen) },
      }))
    await postCredits(tx, ctx, credits, { periodId: s.periodId, ref: s._id })
    const advanced: SettlementDoc = chunkDone ? { ...current, cursorChunk: s.cursorChunk + 1, cursorRow: 0 } : { ...current, cursorRow: nextRow }
    await tx.set('settlements', advanced)
    return advanced
  })
}

/** Reserve movements, staff dividends and the digest, together with the settled status. */
async function finish(ctx: ServiceContext, s: SettlementDoc): Promise<void> {
  const t = s.totals
  await ctx.storage.transaction(async (tx) => {
    const current = await tx.get<SettlementDoc>('settlements', s._id)
    if (!current || current.status !== 'committing') return
    const reserveId = reserveAccountId(s.scopeId)
    const reserveEffects: [string, LedgerEffect][] = []
    if (t.reserveInFen > 0) reserveEffects.push([`reserve_in:${s._id}`, ledgerEffects.reserveIn(t.reserveInFen)])
    if (t.reserveDrawFen > 0) reserveEffects.push([`reserve_draw:${s._id}`, ledgerEffects.reserveDraw(t.reserveDrawFen)])
    if (t.unallocatedFen > 0) reserveEffects.push([`reserve_unallocated:${s._id}`, ledgerEffects.reserveUnallocated(t.unallocatedFen)])
    for (const [entryId, effect] of reserveEffects) await post(tx, ctx, reserveId, s, entryId, effect, 'reserve')
    for (const staff of s.staff) {
      if (staff.amountFen <= 0) continue
      const [storeId, staffId] = staff.staffId.split(':') as [string, string]
      await post(tx, ctx, staffAccountId(storeId, staffId), s, `staffdiv:${s._id}:${staff.staffId}`, ledgerEffects.staffDividend(staff.amountFen), 'staff')
    }
    await tx.update('settlements', s._id, { set: { status: 'settled', settledAtMs: ctx.nowMs, digest: s.snapshotDigest } })
    await enqueueNoticeTx(tx, ctx, `dividend:${s._id}`, 'dividend_paid', s.scopeId, {}, { periodId: s.periodId, settlementId: s._id })
    await writeAuditTx(tx, ctx, { action: 'settlement_committed', scopeId: s.scopeId, target: s._id, after: { digest: s.snapshotDigest, membersPaid: t.membersPaid } })
  })
}

/** One ledger entry and its account change, in the caller's transaction. Accounts are made on first use. */
async function post(tx: Transaction, ctx: ServiceContext, accountId: string, s: SettlementDoc, entryId: string, effect: LedgerEffect, kind: AccountDoc['kind']): Promise<void> {
  const acc = (await tx.get<AccountDoc>('accounts', accountId)) ?? { _id: accountId, scopeId: s.scopeId, kind, availableFen: 0, heldFen: 0, frozenFen: 0 }
  await postEntries(tx, ctx, acc, [{ id: entryId, effect }], { periodId: s.periodId, ref: s._id })
}

export const commitSettlement = action(scopeInput, async (ctx, input) => {
  const { scopeId } = await ownerScope(ctx, input.storeId)
  return commitSettlementFor(ctx, scopeId, input.periodId)
})

export const settlementStatus = action(scopeInput, async (ctx, input) => {
  const { scopeId } = await ownerScope(ctx, input.storeId)
  const s = await ctx.storage.get<SettlementDoc>('settlements', settlementId(scopeId, input.periodId))
  const profit = await ctx.storage.get<ProfitDoc>('profits', settlementId(scopeId, input.periodId))
  return { settlement: s ? settlementSummary(s) : null, declaredFen: profit?.declaredFen ?? null }
})

function settlementSummary(s: SettlementDoc) {
  return {
    periodId: s.periodId,
    status: s.status,
    stale: s.stale,
    ruleVersion: s.ruleVersion,
    totals: s.totals,
    staff: s.staff,
    chunkCount: s.chunkCount,
    chunksDone: s.cursorChunk,
    digest: s.digest,
    capturedFen: s.capturedFen,
    coverage: s.capturedFen > 0 ? s.totals.distributableFen / s.capturedFen : null,
  }
}



export const settlementActions = { declareProfit, setEstimatedProfit, previewSettlement, settlementRows, commitSettlement, settlementStatus }
