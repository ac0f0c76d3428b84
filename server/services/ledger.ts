import { applyEffect, EMPTY_BALANCES } from '../../domain/wallet/ledgerEffects'
import type { LedgerEffect } from '../../types/ledger'
import type { AccountDoc, LedgerDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import { NotFoundInTransaction, type Transaction } from '../storage/types'

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
  return balances
}

/**
 * An entry that only adds to an account (a dividend), written without reading the account: the entry, then
 * an increment of its buckets — or, for an account never used before, its creation with them. The same
 * invariant as postEntries (no balance moves without its entry, in one transaction) at two writes and no
 * read, which is what lets a settlement of a million members stay within its time.
 */
export async function postCredit(tx: Transaction, ctx: ServiceContext, account: Pick<AccountDoc, '_id' | 'scopeId' | 'kind'>, entry: PostedEntry, meta: PostMeta): Promise<void> {
  // What the entry adds to each bucket, as the balances of an empty account.
  const credit = applyEffect(EMPTY_BALANCES, entry.effect)
  if (Object.values(credit).some((fen) => fen < 0)) throw new RangeError(`${entry.id} is not a credit`)
  await tx.set<LedgerDoc>('ledger', ledgerDoc(account, entry, meta, ctx.nowMs))
  try {
    await tx.update('accounts', account._id, { inc: Object.fromEntries(Object.entries(credit).filter(([, fen]) => fen !== 0)) })
  } catch (err) {
    if (!(err instanceof NotFoundInTransaction)) throw err
    await tx.create<AccountDoc>('accounts', { _id: account._id, scopeId: account.scopeId, kind: account.kind, ...credit })
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
