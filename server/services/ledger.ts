import { applyEffect, EMPTY_BALANCES } from '../../domain/wallet/ledgerEffects'
import type { LedgerEffect } from '../../types/ledger'
import type { AccountDoc, LedgerDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import type { CollectionName } from '../storage/collections'
import { NotFoundInTransaction, type Doc, type Transaction } from '../storage/types'

export interface PostedEntry {
  /** The entry's idempotency key. */
  readonly id: string
  readonly effect: LedgerEffect
  readonly note?: string | null
}

export interface PostMeta {
  readonly periodId: string | null
  readonly ref: string | null
}

/**
 * The one way a balance changes (SPEC §7): each entry and the account's new balances, written in the
 * caller's transaction, so a balance never moves without its entry. Returns the account as written.
 */
export async function postEntries(tx: Transaction, ctx: ServiceContext, account: AccountDoc, entries: readonly PostedEntry[], meta: PostMeta): Promise<AccountDoc> {
  let balances = account
  for (const entry of entries) {
    balances = { ...balances, ...applyEffect(balances, entry.effect) }
    await tx.set<LedgerDoc>('ledger', ledgerDoc(account, entry, meta, ctx.nowMs))
  }
  if (entries.length) await tx.set<AccountDoc>('accounts', balances)
  if (account.kind === 'member') await addToLiabilities(tx, account.scopeId, entries.reduce((sum, e) => sum + e.effect.amountFen, 0))
  return balances
}

export interface PostedCredit {
  readonly account: Pick<AccountDoc, '_id' | 'scopeId' | 'kind'>
  readonly entry: PostedEntry
}

/**
 * Entries that only add to their accounts (dividends), written without reading the accounts: each entry,
 * then an increment of its account's buckets — or, for an account never used before, its creation with
 * them. The same invariant as postEntries (no balance moves without its entry, in one transaction) at two
 * writes per credit and no read, which is what lets a settlement of a million members stay within its
 * time; the scope's liabilities move once for the whole batch.
 */
export async function postCredits(tx: Transaction, ctx: ServiceContext, credits: readonly PostedCredit[], meta: PostMeta): Promise<void> {
  const toMembers = new Map<string, number>()
  for (const { account, entry } of credits) {
    // What the entry adds to each bucket, as the balances of an empty account.
    const credit = applyEffect(EMPTY_BALANCES, entry.effect)
    if (credit.availableFen < 0 || credit.heldFen < 0 || credit.frozenFen < 0) throw new RangeError(`${entry.id} is not a credit`)
    await tx.set<LedgerDoc>('ledger', ledgerDoc(account, entry, meta, ctx.nowMs))
    const inc: Record<string, number> = {}
    if (credit.availableFen) inc.availableFen = credit.availableFen
    if (credit.heldFen) inc.heldFen = credit.heldFen
    if (credit.frozenFen) inc.frozenFen = credit.frozenFen
    await incrementOrCreate<AccountDoc>(tx, 'accounts', account._id, inc, { _id: account._id, scopeId: account.scopeId, kind: account.kind, ...credit })
    if (account.kind === 'member') toMembers.set(account.scopeId, (toMembers.get(account.scopeId) ?? 0) + entry.effect.amountFen)
  }
  for (const [scopeId, fen] of toMembers) await addToLiabilities(tx, scopeId, fen)
}

/** The counter that holds a scope's liabilities: Σ member balances (available + held + frozen). */
export function liabilitiesId(scopeId: string): string {
  return `liabilities:${scopeId}`
}

/** What an account adds to its scope's liabilities: a member's whole balance; staff and reserve accounts nothing. */
export function liabilityOf(a: AccountDoc): number {
  return a.kind === 'member' ? a.availableFen + a.heldFen + a.frozenFen : 0
}

export interface LiabilitiesDoc {
  readonly _id: string
  readonly scopeId: string
  readonly fen: number
}

/**
 * Σ member balances, moved in the same transaction as every member balance (so the dashboard reads one
 * document, not every account, and accounts need no index by scope). `npm run audit` checks it against
 * the accounts.
 */
async function addToLiabilities(tx: Transaction, scopeId: string, fen: number): Promise<void> {
  if (fen === 0) return
  await incrementOrCreate<LiabilitiesDoc>(tx, 'counters', liabilitiesId(scopeId), { fen }, { _id: liabilitiesId(scopeId), scopeId, fen })
}

/**
 * Increments a document without reading it; one that does not exist yet is created as `created` (which
 * must already hold the increments). A transaction allows no upsert, hence the try.
 */
async function incrementOrCreate<T extends Doc>(tx: Transaction, collection: CollectionName, id: string, inc: Record<string, number>, created: T): Promise<void> {
  try {
    await tx.update(collection, id, { inc })
  } catch (err) {
    if (!(err instanceof NotFoundInTransaction)) throw err
    await tx.create<T>(collection, created)
  }
}

function ledgerDoc(account: Pick<AccountDoc, '_id' | 'scopeId'>, entry: PostedEntry, meta: PostMeta, nowMs: number): LedgerDoc {
  return {
    _id: entry.id,
    ...entry.effect,
    accountId: account._id,
    scopeId: account.scopeId,
    createdAtMs: nowMs,
    periodId: meta.periodId,
    ref: meta.ref,
    note: entry.note ?? null,
  }
}
