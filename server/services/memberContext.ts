import type { MemberDoc, StoreDoc } from '../model'
import { appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { memberIdFor } from './ids'
import { requireOpenid } from './roles'
import { loadStore } from './scopeCache'

export interface MemberSelf {
  readonly openid: string
  readonly store: StoreDoc
  readonly scopeId: string
  readonly memberId: string
  readonly member: MemberDoc | null
}

/** The caller as a member of the store's pool scope (the app always knows which store it is open in). */
export async function memberSelf(ctx: ServiceContext, storeId: string): Promise<MemberSelf> {
  const openid = requireOpenid(ctx)
  const store = await loadStore(ctx, storeId)
  if (!store) appError('not_found')
  const memberId = memberIdFor(ctx.crypto, store.scopeId, openid)
  const member = await ctx.storage.get<MemberDoc>('members', memberId)
  return { openid, store, scopeId: store.scopeId, memberId, member }
}

export async function requireMember(ctx: ServiceContext, storeId: string): Promise<MemberSelf & { member: MemberDoc }> {
  const self = await memberSelf(ctx, storeId)
  if (!self.member) appError('not_found', 'not a member yet')
  return self as MemberSelf & { member: MemberDoc }
}
