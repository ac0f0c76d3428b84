import { applyEffect } from '../../domain/wallet/ledgerEffects'
import type { LedgerEffect } from '../../types/ledger'
import type { AccountDoc, LedgerDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'

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
    await tx.set<LedgerDoc>('ledger', {
      _id: entry.id,
      ...entry.effect,
      accountId: account._id,
      scopeId: account.scopeId,
      createdAtMs: ctx.nowMs,
      periodId: meta.periodId,
      ref: meta.ref,
      note: entry.note ?? null,
    })
  }
  if (entries.length) await tx.set<AccountDoc>('accounts', balances)
  return balances
}
