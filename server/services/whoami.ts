import * as z from 'zod'
import type { ChainAdminDoc, ChainDoc, RoleDoc, StoreDoc } from '../model'
import { action } from '../runtime/action'
import { scan } from './aggregate'
import { memberIdFor } from './ids'

/** The caller's stores and roles, for the role-aware tab bar. Never returns the openid. */
export const whoAmI = action(z.object({ storeId: z.string().min(1).max(64).optional() }).strict(), async (ctx, input) => {
  if (!ctx.caller.openid) return { signedIn: false as const, roles: [], chains: [], isMember: false }
  const roles: { storeId: string; storeName: string; role: string }[] = []
  for await (const r of scan<RoleDoc>(ctx, 'roles', { where: { openid: ctx.caller.openid } })) {
    if (r.role === 'removed') continue
    const store = await ctx.storage.get<StoreDoc>('stores', r.storeId)
    roles.push({ storeId: r.storeId, storeName: store?.name ?? '', role: r.role })
  }
  const chains: { chainId: string; name: string; unifiedPool: boolean }[] = []
  for await (const a of scan<ChainAdminDoc>(ctx, 'chainAdmins', { where: { openid: ctx.caller.openid } })) {
    const chain = await ctx.storage.get<ChainDoc>('chains', a.chainId)
    if (chain) chains.push({ chainId: chain._id, name: chain.name, unifiedPool: chain.unifiedPool })
  }
  let isMember = false
  if (input.storeId) {
    const store = await ctx.storage.get<StoreDoc>('stores', input.storeId)
    if (store) isMember = (await ctx.storage.get('members', memberIdFor(ctx.crypto, store.scopeId, ctx.caller.openid))) !== null
  }
  return { signedIn: true as const, roles, chains, isMember, canCreateStore: ctx.config.bootstrapOpenids.includes(ctx.caller.openid) }
})
