import { ruleVersionAt } from '../../domain/rules/versioning'
import type { RuleVersion } from '../../types/rules'
import type { RuleVersionDoc, StoreDoc, StoreStatsDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import { AppError } from '../runtime/appError'

/**
 * Store documents, rule versions and store statistics change rarely and are read on every capture, so each
 * process keeps them for a few seconds. A change made in this process drops its entry at once; other
 * processes see it within TTL_MS. (A secret rotation therefore takes up to TTL_MS to reach every process.)
 */
export const TTL_MS = 5_000

interface Entry<T> {
  readonly value: T
  readonly loadedAt: number
}

const stores = new Map<string, Entry<StoreDoc | null>>()
const rules = new Map<string, Entry<RuleVersion[]>>()
const stats = new Map<string, Entry<StoreStatsDoc | null>>()

async function cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
  const hit = map.get(key)
  const now = Date.now()
  if (hit && now - hit.loadedAt < TTL_MS) return hit.value
  const value = await load()
  map.set(key, { value, loadedAt: now })
  return value
}

export function loadStore(ctx: ServiceContext, storeId: string): Promise<StoreDoc | null> {
  return cached(stores, storeId, () => ctx.storage.get<StoreDoc>('stores', storeId))
}

export function loadStoreStats(ctx: ServiceContext, storeId: string): Promise<StoreStatsDoc | null> {
  return cached(stats, storeId, () => ctx.storage.get<StoreStatsDoc>('storeStats', storeId))
}

export async function ruleHistory(ctx: ServiceContext, scopeId: string): Promise<RuleVersion[]> {
  return cached(rules, scopeId, async () => {
    const page = await ctx.storage.query<RuleVersionDoc>('ruleVersions', {
      where: { scopeId },
      orderBy: [['version', 'asc']],
      limit: 1000,
    })
    return page.docs.map((d) => ({ version: d.version, rules: d.rules, effectiveFromMs: d.effectiveFromMs, createdAtMs: d.createdAtMs }))
  })
}

/** The rule version in force at an instant; not_found before the scope's first version (e.g. a period before the store opened). */
export async function rulesAt(ctx: ServiceContext, scopeId: string, instantMs: number): Promise<RuleVersion> {
  const history = await ruleHistory(ctx, scopeId)
  if (!history.some((v) => v.effectiveFromMs <= instantMs)) throw new AppError('not_found', 'no rule version in force then')
  return ruleVersionAt(history, instantMs)
}

export function forgetStore(storeId: string): void {
  stores.delete(storeId)
  stats.delete(storeId)
}

export function forgetRules(scopeId: string): void {
  rules.delete(scopeId)
}

/** Tests that reuse ids across fresh databases clear everything. */
export function clearScopeCache(): void {
  stores.clear()
  rules.clear()
  stats.clear()
}
