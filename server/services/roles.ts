import type { ChainAdminDoc, ChainDoc, RoleDoc, StoreRole } from '../model'
import { appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { writeAudit } from './audit'
import { roleDocId } from './ids'
import { loadStore } from './scopeCache'

export function requireOpenid(ctx: ServiceContext): string {
  if (!ctx.caller.openid) appError('not_authenticated')
  return ctx.caller.openid
}

export async function roleOf(ctx: ServiceContext, storeId: string): Promise<RoleDoc | null> {
  if (!ctx.caller.openid) return null
  return ctx.storage.get<RoleDoc>('roles', roleDocId(storeId, ctx.caller.openid))
}

/** The staffId an HQ admin acts under in a branch (their actions are audited under their own openid). */
export const HQ_STAFF_ID = 'hq'

/**
 * The caller's role in the store if it is one of `allowed`; otherwise the denial is audited and refused.
 * An HQ admin of the store's chain acts as its owner (SPEC §1: HQ sees every store).
 */
export async function requireRole(ctx: ServiceContext, storeId: string, allowed: readonly StoreRole[]): Promise<RoleDoc> {
  const openid = requireOpenid(ctx)
  const role = (await ctx.storage.get<RoleDoc>('roles', roleDocId(storeId, openid))) ?? (allowed.includes('owner') ? await hqAsOwner(ctx, storeId, openid) : null)
  if (!role || role.role === 'removed' || !allowed.includes(role.role)) {
    await writeAudit(ctx, { action: 'access_denied', storeId, target: storeId, after: { needed: allowed, had: role?.role ?? null } })
    appError('forbidden')
  }
  return role
}

async function hqAsOwner(ctx: ServiceContext, storeId: string, openid: string): Promise<RoleDoc | null> {
  const store = await loadStore(ctx, storeId)
  if (!store?.chainId) return null
  const admin = await ctx.storage.get<ChainAdminDoc>('chainAdmins', `${store.chainId}:${openid}`)
  if (!admin) return null
  return { _id: roleDocId(storeId, openid), storeId, scopeId: store.scopeId, openid, role: 'owner', staffId: HQ_STAFF_ID, displayName: admin.displayName, addedAtMs: admin.addedAtMs }
}

/** The chain's HQ admin record of the caller, or an audited refusal. */
export async function requireHq(ctx: ServiceContext, chainId: string): Promise<ChainAdminDoc> {
  const openid = requireOpenid(ctx)
  const admin = await ctx.storage.get<ChainAdminDoc>('chainAdmins', `${chainId}:${openid}`)
  if (!admin) {
    await writeAudit(ctx, { action: 'access_denied', target: chainId, after: { needed: ['hq'], had: null } })
    appError('forbidden')
  }
  return admin
}

/**
 * Who may act for a store's pool (rules, profit, settlement): its owner, except in a unified chain, where
 * the pool is the chain's and only HQ acts (SPEC §1).
 */
export async function requireScopeAdmin(ctx: ServiceContext, storeId: string): Promise<RoleDoc> {
  const role = await requireRole(ctx, storeId, ['owner'])
  const store = await loadStore(ctx, storeId)
  if (store?.chainId && role.staffId !== HQ_STAFF_ID) {
    const chain = await ctx.storage.get<ChainDoc>('chains', store.chainId)
    if (chain?.unifiedPool) {
      await writeAudit(ctx, { action: 'access_denied', storeId, target: storeId, after: { needed: ['hq'], had: role.role } })
      appError('chain_managed')
    }
  }
  return role
}
