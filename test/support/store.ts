import { ledgerEffects } from '../../domain/wallet/ledgerEffects'
import type { AccountDoc } from '../../server/model'
import { checkoutActions } from '../../server/services/checkout'
import { postEntries } from '../../server/services/ledger'
import { storeActions } from '../../server/services/stores'
import { Harness, OWNER } from './harness'

export const STAFF = 'o_staff_1'

/** A store with its owner and one staff member. */
export async function openStore(h: Harness, name = '街角咖啡') {
  const { storeId, scopeId } = await h.ok<{ storeId: string; scopeId: string }>(storeActions, 'createStore', { name }, OWNER)
  const { inviteCode } = await h.ok<{ inviteCode: string }>(storeActions, 'createInvite', { storeId, role: 'staff' }, OWNER)
  await h.ok(storeActions, 'acceptInvite', { inviteCode, displayName: '小王' }, STAFF)
  return { storeId, scopeId }
}

export async function newCode(h: Harness, storeId: string, amountFen: number) {
  return h.ok<{ token: string; codeKey: string; expiresAtMs: number }>(checkoutActions, 'createCode', { storeId, amountFen }, STAFF)
}

/** Puts money in a member's balance the way an owner adjustment does (entry + account, together). */
export async function credit(h: Harness, memberId: string, fen: number) {
  await h.storage.transaction(async (tx) => {
    const acc = await tx.get<AccountDoc>('accounts', memberId)
    if (!acc) throw new Error('no account')
    await postEntries(tx, h.context(null), acc, [{ id: `test-credit:${memberId}:${fen}`, effect: ledgerEffects.adjustment(fen), note: 'test' }], { periodId: null, ref: null })
  })
}
