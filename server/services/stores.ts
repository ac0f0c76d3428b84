import * as z from 'zod'
import { initialRuleVersion } from '../../domain/rules/versioning'
import { EMPTY_HISTOGRAM } from '../../domain/fraud/purchaseHistogram'
import { ruleSetSchema, type RuleSet } from '../../types/rules'
import type { AccountDoc, InviteDoc, RoleDoc, RuleVersionDoc, ScopeDoc, StoreDoc, StoreStatsDoc } from '../model'
import { action } from '../runtime/action'
import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'
import { appError } from '../runtime/appError'
import { writeAuditTx } from './audit'
import { randomId, randomSecret, reserveAccountId, roleDocId } from './ids'
import { requireOpenid, requireRole } from './roles'
import { forgetStore } from './scopeCache'

const INVITE_TTL_MS = 24 * 3600 * 1000

const nameSchema = z.string().trim().min(1).max(40)

/** SPEC §1: only openids in BOOTSTRAP_OPENIDS may create a store; its creator becomes the owner. */
export const createStore = action(
  z.object({ name: nameSchema, ownerName: nameSchema.default('店主'), rules: ruleSetSchema.prefault({}) }).strict(),
  async (ctx, input) => {
    const openid = requireOpenid(ctx)
    if (!ctx.config.bootstrapOpenids.includes(openid)) appError('forbidden')
    const storeId = randomId(ctx.crypto, 'st')
    const scopeId = randomId(ctx.crypto, 'sc')
    await ctx.storage.transaction(async (tx) => {
      await writeNewScope(tx, ctx, { scopeId, kind: 'store', name: input.name, rules: input.rules })
      await writeNewStore(tx, ctx, { storeId, scopeId, chainId: null, name: input.name })
      await tx.set<RoleDoc>('roles', {
        _id: roleDocId(storeId, openid),
        storeId,
        scopeId,
        openid,
        role: 'owner',
        staffId: randomId(ctx.crypto, 'sf', 8),
        displayName: input.ownerName,
        addedAtMs: ctx.nowMs,
      })
      await writeAuditTx(tx, ctx, { action: 'store_created', scopeId, storeId, target: storeId, after: { name: input.name } })
    })
    return { storeId, scopeId }
  },
)

/** A pool scope with its first rule version and its reserve account. */
export async function writeNewScope(tx: Transaction, ctx: ServiceContext, scope: { scopeId: string; kind: ScopeDoc['kind']; name: string; rules: RuleSet }) {
  const version = initialRuleVersion(scope.rules, ctx.nowMs)
  await tx.set<ScopeDoc>('scopes', { _id: scope.scopeId, kind: scope.kind, name: scope.name, createdAtMs: ctx.nowMs })
  await tx.set<RuleVersionDoc>('ruleVersions', { _id: `${scope.scopeId}:v1`, scopeId: scope.scopeId, ...version, createdByOpenid: ctx.caller.openid ?? '' })
  await tx.set<AccountDoc>('accounts', { _id: reserveAccountId(scope.scopeId), scopeId: scope.scopeId, kind: 'reserve', availableFen: 0, heldFen: 0, frozenFen: 0 })
}

/** A store with a fresh signing secret and empty statistics. */
export async function writeNewStore(tx: Transaction, ctx: ServiceContext, store: { storeId: string; scopeId: string; chainId: string | null; name: string }) {
  await tx.set<StoreDoc>('stores', {
    _id: store.storeId,
    scopeId: store.scopeId,
    chainId: store.chainId,
    name: store.name,
    signingSecret: randomSecret(ctx.crypto),
    settings: { managerCanReviewWithdrawals: false, cashBufferFen: 0 },
    createdAtMs: ctx.nowMs,
  })
  await tx.set<StoreStatsDoc>('storeStats', { _id: store.storeId, histogram: EMPTY_HISTOGRAM })
}

/** The owner invites a manager or a staff member with a one-time code valid for 24 h. */
export const createInvite = action(
  z.object({ storeId: z.string().min(1).max(64), role: z.enum(['manager', 'staff']) }).strict(),
  async (ctx, input) => {
    const owner = await requireRole(ctx, input.storeId, ['owner'])
    const invite: InviteDoc = {
      _id: randomId(ctx.crypto, 'iv', 16),
      storeId: input.storeId,
      role: input.role,
      createdByOpenid: owner.openid,
      createdAtMs: ctx.nowMs,
      expiresAtMs: ctx.nowMs + INVITE_TTL_MS,
      acceptedByOpenid: null,
    }
    await ctx.storage.transaction(async (tx) => {
      await tx.set('invites', invite)
      await writeAuditTx(tx, ctx, { action: 'invite_created', scopeId: owner.scopeId, storeId: input.storeId, target: invite._id, after: { role: input.role } })
    })
    return { inviteCode: invite._id, role: invite.role, expiresAtMs: invite.expiresAtMs }
  },
)

/** Opening an invite makes the caller a manager or staff member of the store, once. */
export const acceptInvite = action(
  z.object({ inviteCode: z.string().min(1).max(64), displayName: nameSchema }).strict(),
  async (ctx, input) => {
    const openid = requireOpenid(ctx)
    return ctx.storage.transaction(async (tx) => {
      const invite = await tx.get<InviteDoc>('invites', input.inviteCode)
      if (!invite) appError('not_found')
      if (invite.acceptedByOpenid === openid) return { storeId: invite.storeId, role: invite.role, replayed: true }
      if (invite.acceptedByOpenid !== null || ctx.nowMs >= invite.expiresAtMs) appError('conflict', 'invite used or expired')
      const store = await tx.get<StoreDoc>('stores', invite.storeId)
      if (!store) appError('not_found')
      const existing = await tx.get<RoleDoc>('roles', roleDocId(invite.storeId, openid))
      if (existing?.role === 'owner') appError('conflict', 'the owner keeps the owner role')
      await tx.set<RoleDoc>('roles', {
        _id: roleDocId(invite.storeId, openid),
        storeId: invite.storeId,
        scopeId: store.scopeId,
        openid,
        role: invite.role,
        staffId: existing?.staffId ?? randomId(ctx.crypto, 'sf', 8),
        displayName: input.displayName,
        addedAtMs: ctx.nowMs,
      })
      await tx.update('invites', invite._id, { set: { acceptedByOpenid: openid } })
      await writeAuditTx(tx, ctx, { action: 'invite_accepted', scopeId: store.scopeId, storeId: store._id, target: invite._id, before: existing?.role ?? null, after: invite.role })
      return { storeId: invite.storeId, role: invite.role, replayed: false }
    })
  },
)

/** The owner removes a manager or staff member (never themself). */
export const removeRole = action(
  z.object({ storeId: z.string().min(1).max(64), staffId: z.string().min(1).max(64) }).strict(),
  async (ctx, input) => {
    const owner = await requireRole(ctx, input.storeId, ['owner'])
    const page = await ctx.storage.query<RoleDoc>('roles', { where: { storeId: input.storeId }, limit: 1000 })
    const target = page.docs.find((r) => r.staffId === input.staffId && r.role !== 'removed')
    if (!target) appError('not_found')
    if (target.role === 'owner') appError('conflict', 'the owner cannot be removed')
    await ctx.storage.transaction(async (tx) => {
      await tx.update('roles', target._id, { set: { role: 'removed' } })
      await writeAuditTx(tx, ctx, { action: 'role_removed', scopeId: owner.scopeId, storeId: input.storeId, target: target.staffId, before: target.role })
    })
    return { removed: target.staffId }
  },
)

/** The store's people, without openids. */
export const listRoles = action(z.object({ storeId: z.string().min(1).max(64) }).strict(), async (ctx, input) => {
  await requireRole(ctx, input.storeId, ['owner', 'manager'])
  const page = await ctx.storage.query<RoleDoc>('roles', { where: { storeId: input.storeId }, limit: 1000 })
  return page.docs
    .filter((r) => r.role !== 'removed')
    .map((r) => ({ staffId: r.staffId, role: r.role, displayName: r.displayName, addedAtMs: r.addedAtMs }))
})

/** A new signing secret: every open checkout code stops verifying (SPEC §1). */
export const rotateSigningSecret = action(z.object({ storeId: z.string().min(1).max(64) }).strict(), async (ctx, input) => {
  const owner = await requireRole(ctx, input.storeId, ['owner'])
  await ctx.storage.transaction(async (tx) => {
    await tx.update('stores', input.storeId, { set: { signingSecret: randomSecret(ctx.crypto) } })
    await writeAuditTx(tx, ctx, { action: 'signing_secret_rotated', scopeId: owner.scopeId, storeId: input.storeId, target: input.storeId })
  })
  forgetStore(input.storeId)
  return { rotatedAtMs: ctx.nowMs }
})

export const storeActions = { createStore, createInvite, acceptInvite, removeRole, listRoles, rotateSigningSecret }
