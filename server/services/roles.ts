import type { RoleDoc, StoreRole } from '../model'
import { appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { writeAudit } from './audit'
import { roleDocId } from './ids'

export function requireOpenid(ctx: ServiceContext): string {
  if (!ctx.caller.openid) appError('not_authenticated')
  return ctx.caller.openid
}

export async function roleOf(ctx: ServiceContext, storeId: string): Promise<RoleDoc | null> {
  if (!ctx.caller.openid) return null
  return ctx.storage.get<RoleDoc>('roles', roleDocId(storeId, ctx.caller.openid))
}

/** The caller's role in the store if it is one of `allowed`; otherwise the denial is audited and refused. */
export async function requireRole(ctx: ServiceContext, storeId: string, allowed: readonly StoreRole[]): Promise<RoleDoc> {
  const openid = requireOpenid(ctx)
  const role = await ctx.storage.get<RoleDoc>('roles', roleDocId(storeId, openid))
  if (!role || role.role === 'removed' || !allowed.includes(role.role)) {
    await writeAudit(ctx, { action: 'access_denied', storeId, target: storeId, after: { needed: allowed, had: role?.role ?? null } })
    appError('forbidden')
  }
  return role
}
