import * as z from 'zod'
import { periodOf } from '../../domain/period/calendar'
import { boundViolations, ruleValue, type BoundViolation } from '../../domain/rules/bounds'
import { BOUNDED_FIELDS, ruleBoundsSchema, ruleSetSchema, type RuleSet } from '../../types/rules'
import type { AccountDoc, ChainAdminDoc, ChainDoc, InviteDoc, PurchaseDoc, StoreDoc, WithdrawalDoc } from '../model'
import { action } from '../runtime/action'
import { appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { scan } from './aggregate'
import { writeAuditTx } from './audit'
import { randomId, reserveAccountId } from './ids'
import { requireHq, requireOpenid } from './roles'
import { loadStore, rulesAt } from './scopeCache'
import { writeNewScope, writeNewStore } from './stores'

const nameSchema = z.string().trim().min(1).max(40)
const chainIdSchema = z.string().min(1).max(64)
const INVITE_TTL_MS = 24 * 3600 * 1000

/**
 * A chain (SPEC §1), created like a store by a bootstrap openid, who becomes its first HQ admin. With
 * `unifiedPool` the chain is one pool scope: one membership, one rule set, one settlement by HQ.
 */
export const createChain = action(
  z.object({ name: nameSchema, hqName: nameSchema.default('总部'), unifiedPool: z.boolean(), rules: ruleSetSchema.prefault({}) }).strict(),
  async (ctx, input) => {
    const openid = requireOpenid(ctx)
    if (!ctx.config.bootstrapOpenids.includes(openid)) appError('forbidden')
    const chainId = randomId(ctx.crypto, 'ch')
    const scopeId = input.unifiedPool ? randomId(ctx.crypto, 'sc') : null
    await ctx.storage.transaction(async (tx) => {
      if (scopeId) await writeNewScope(tx, ctx, { scopeId, kind: 'chain', name: input.name, rules: input.rules })
      await tx.set<ChainDoc>('chains', { _id: chainId, name: input.name, unifiedPool: input.unifiedPool, scopeId, bounds: {}, createdAtMs: ctx.nowMs })
      await tx.set<ChainAdminDoc>('chainAdmins', { _id: `${chainId}:${openid}`, chainId, openid, displayName: input.hqName, addedAtMs: ctx.nowMs })
      await writeAuditTx(tx, ctx, { action: 'chain_created', scopeId, target: chainId, after: { name: input.name, unifiedPool: input.unifiedPool } })
    })
    return { chainId, scopeId }
  },
)

async function loadChain(ctx: ServiceContext, chainId: string): Promise<ChainDoc> {
  const chain = await ctx.storage.get<ChainDoc>('chains', chainId)
  if (!chain) appError('not_found')
  return chain
}

/**
 * HQ opens a branch. In a unified chain it joins the chain's pool; otherwise it is its own pool with rules
 * inside HQ's bounds. The answer carries a one-time invite that makes its shopkeeper the owner.
 */
export const addChainStore = action(
  z.object({ chainId: chainIdSchema, name: nameSchema, rules: ruleSetSchema.prefault({}) }).strict(),
  async (ctx, input) => {
    await requireHq(ctx, input.chainId)
    const chain = await loadChain(ctx, input.chainId)
    if (!chain.unifiedPool) {
      const violations = boundViolations(input.rules, chain.bounds)
      if (violations.length > 0) appError('rules_out_of_bounds', violations.map((v) => v.field).join(', '))
    }
    const storeId = randomId(ctx.crypto, 'st')
    const scopeId = chain.scopeId ?? randomId(ctx.crypto, 'sc')
    const invite: InviteDoc = {
      _id: randomId(ctx.crypto, 'iv', 16),
      storeId,
      role: 'owner',
      createdByOpenid: ctx.caller.openid ?? '',
      createdAtMs: ctx.nowMs,
      expiresAtMs: ctx.nowMs + INVITE_TTL_MS,
      acceptedByOpenid: null,
    }
    await ctx.storage.transaction(async (tx) => {
      if (!chain.scopeId) await writeNewScope(tx, ctx, { scopeId, kind: 'store', name: input.name, rules: input.rules })
      await writeNewStore(tx, ctx, { storeId, scopeId, chainId: chain._id, name: input.name })
      await tx.set('invites', invite)
      await writeAuditTx(tx, ctx, { action: 'chain_store_added', scopeId, storeId, target: chain._id, after: { name: input.name } })
    })
    return { storeId, scopeId, ownerInviteCode: invite._id, inviteExpiresAtMs: invite.expiresAtMs }
  },
)

/** HQ bounds branch rules (chains without a unified pool); the answer lists branches now outside them. */
export const setBranchBounds = action(z.object({ chainId: chainIdSchema, bounds: ruleBoundsSchema }).strict(), async (ctx, input) => {
  await requireHq(ctx, input.chainId)
  const chain = await loadChain(ctx, input.chainId)
  if (chain.unifiedPool) appError('conflict', 'a unified pool has one rule set; edit it instead')
  await ctx.storage.transaction(async (tx) => {
    await tx.set<ChainDoc>('chains', { ...chain, bounds: input.bounds })
    await writeAuditTx(tx, ctx, { action: 'branch_bounds_set', target: chain._id, before: chain.bounds, after: input.bounds })
  })
  const outside: { storeId: string; name: string; violations: BoundViolation[] }[] = []
  for (const store of await chainStores(ctx, chain._id)) {
    const violations = boundViolations((await rulesAt(ctx, store.scopeId, ctx.nowMs)).rules, input.bounds)
    if (violations.length > 0) outside.push({ storeId: store._id, name: store.name, violations })
  }
  return { bounds: input.bounds, outside }
})

/** Used by the rules editor: a branch's new rules must sit inside its chain's bounds. */
export async function branchBoundViolations(ctx: ServiceContext, storeId: string, rules: RuleSet): Promise<BoundViolation[]> {
  const store = await loadStore(ctx, storeId)
  if (!store?.chainId) return []
  const chain = await ctx.storage.get<ChainDoc>('chains', store.chainId)
  if (!chain || chain.unifiedPool) return []
  return boundViolations(rules, chain.bounds)
}

async function chainStores(ctx: ServiceContext, chainId: string): Promise<StoreDoc[]> {
  const stores: StoreDoc[] = []
  for await (const s of scan<StoreDoc>(ctx, 'stores', { where: { chainId } })) stores.push(s)
  return stores.sort((a, b) => a.createdAtMs - b.createdAtMs || a.name.localeCompare(b.name, 'zh-CN') || a._id.localeCompare(b._id))
}

/**
 * HQ's view (SPEC §8): every store side by side for the running period — captured revenue, captures, the
 * balance members spent there (each store's offsets, for inter-store reconciliation in a unified pool),
 * members and pending withdrawals — with the unified pool's figures, or each branch's rules against bounds.
 */
export const hqOverview = action(z.object({ chainId: chainIdSchema }).strict(), async (ctx, input) => {
  await requireHq(ctx, input.chainId)
  const chain = await loadChain(ctx, input.chainId)
  const stores = await chainStores(ctx, chain._id)
  const rows = []
  for (const store of stores) {
    const version = await rulesAt(ctx, store.scopeId, ctx.nowMs)
    const period = periodOf(ctx.nowMs, version.rules.periodLength)
    let capturedFen = 0
    let offsetFen = 0
    let captures = 0
    const buyers = new Set<string>()
    for await (const p of scan<PurchaseDoc>(ctx, 'purchases', { where: { storeId: store._id, capturedAtMs: { gte: period.startMs } } })) {
      capturedFen += p.amountFen - p.refundedFen
      offsetFen += p.offsetFen
      captures++
      buyers.add(p.memberId)
    }
    const pending = await ctx.storage.count('withdrawals', { scopeId: store.scopeId, status: 'pending' })
    rows.push({
      storeId: store._id,
      name: store.name,
      periodId: period.id,
      capturedFen,
      captures,
      buyers: buyers.size,
      offsetFen,
      members: chain.unifiedPool ? null : await ctx.storage.count('members', { scopeId: store.scopeId }),
      pendingWithdrawals: chain.unifiedPool ? null : pending,
      rules: chain.unifiedPool ? null : Object.fromEntries(BOUNDED_FIELDS.map((f) => [f, ruleValue(version.rules, f)])),
      violations: chain.unifiedPool ? [] : boundViolations(version.rules, chain.bounds),
    })
  }
  let pool = null
  if (chain.scopeId) {
    const version = await rulesAt(ctx, chain.scopeId, ctx.nowMs)
    const period = periodOf(ctx.nowMs, version.rules.periodLength)
    const estimate = await ctx.storage.get<{ _id: string; poolFen: number; distributableFen: number; profitFen: number | null }>('counters', `estimate:${chain.scopeId}:${period.id}`)
    const reserve = await ctx.storage.get<AccountDoc>('accounts', reserveAccountId(chain.scopeId))
    pool = {
      scopeId: chain.scopeId,
      periodId: period.id,
      members: await ctx.storage.count('members', { scopeId: chain.scopeId }),
      estimatedPoolFen: estimate?.poolFen ?? null,
      reserveFen: reserve?.availableFen ?? 0,
      pendingWithdrawals: await ctx.storage.count('withdrawals', { scopeId: chain.scopeId, status: 'pending' } satisfies Partial<Record<keyof WithdrawalDoc, string>>),
    }
  }
  return { chainId: chain._id, name: chain.name, unifiedPool: chain.unifiedPool, bounds: chain.bounds, stores: rows, pool }
})

export const chainActions = { createChain, addChainStore, setBranchBounds, hqOverview }
