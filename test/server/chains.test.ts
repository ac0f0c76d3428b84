/**
 * Chains (SPEC §1): a unified pool is one membership, one balance usable in any store, one settlement by
 * HQ; without it each branch is its own pool with rules inside HQ's bounds. HQ sees every store.
 */
import { boundViolations } from '../../domain/rules/bounds'
import { defaultRuleSet } from '../../types/rules'
import type { AccountDoc } from '../../server/model'
import { adminActions } from '../../server/services/admin'
import { chainActions } from '../../server/services/chains'
import { checkoutActions } from '../../server/services/checkout'
import { memberIdFor } from '../../server/services/ids'
import { settlementActions } from '../../server/services/settlement'
import { storeActions } from '../../server/services/stores'
import { whoAmI } from '../../server/services/whoami'
import { Harness } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { credit } from '../support/store'

const HQ = 'o_hq'
const OWNER_A = 'o_owner_a'
const OWNER_B = 'o_owner_b'
const M = 'o_member'

let h: Harness
beforeEach(() => {
  h = new Harness('2026-10-15T02:00:00Z', { bootstrap: [HQ, 'o_other_hq'] })
})
afterEach(() => h.auditAndClose())

async function branch(chainId: string, name: string, owner: string, rules: Record<string, unknown> = {}) {
  const b = await h.ok<{ storeId: string; scopeId: string; ownerInviteCode: string }>(chainActions, 'addChainStore', { chainId, name, rules }, HQ)
  await h.ok(storeActions, 'acceptInvite', { inviteCode: b.ownerInviteCode, displayName: `${name}店主` }, owner)
  return b
}

async function buy(storeId: string, owner: string, amountFen: number, offsetFen = 0) {
  const code = await h.ok<{ token: string }>(checkoutActions, 'createCode', { storeId, amountFen }, owner)
  return h.ok<{ purchaseId: string }>(checkoutActions, 'capture', { token: code.token, offsetFen }, M)
}

describe('a unified chain pool', () => {
  test('one member, one balance spent in any store, offsets totalled per store, settled by HQ', async () => {
    const { chainId, scopeId } = await h.ok<{ chainId: string; scopeId: string }>(chainActions, 'createChain', { name: '街角连锁', unifiedPool: true }, HQ)
    const a = await branch(chainId, '东门店', OWNER_A)
    const b = await branch(chainId, '西门店', OWNER_B)
    expect(a.scopeId).toBe(scopeId)
    expect(b.scopeId).toBe(scopeId)
    await buy(a.storeId, OWNER_A, 10_000)
    const memberId = memberIdFor(nodeCrypto, scopeId, M)
    await credit(h, memberId, 3_000)
    await buy(b.storeId, OWNER_B, 5_000, 2_000)
    const account = await h.storage.get<AccountDoc>('accounts', memberId)
    expect(account?.availableFen).toBe(1_000)

    const overview = await h.ok<{ stores: { name: string; capturedFen: number; offsetFen: number; captures: number }[]; pool: { members: number } }>(chainActions, 'hqOverview', { chainId }, HQ)
    expect(overview.stores.map((s) => [s.name, s.capturedFen, s.offsetFen, s.captures])).toEqual([
      ['东门店', 10_000, 0, 1],
      ['西门店', 5_000, 2_000, 1],
    ])
    expect(overview.pool.members).toBe(1)

    // The pool is the chain's: a branch owner cannot declare profit or edit rules; HQ can, through any branch.
    h.advance(100 * 86_400_000)
    const input = { storeId: a.storeId, periodId: '2026Q4' }
    expect(await h.call(settlementActions, 'declareProfit', { ...input, profitFen: 100_000 }, OWNER_A)).toMatchObject({ ok: false, code: 'chain_managed' })
    expect(await h.call(adminActions, 'editRules', { storeId: b.storeId, rules: defaultRuleSet() }, OWNER_B)).toMatchObject({ ok: false, code: 'chain_managed' })
    await h.ok(settlementActions, 'declareProfit', { ...input, profitFen: 100_000 }, HQ)
    await h.ok(settlementActions, 'previewSettlement', input, HQ)
    expect(await h.ok(settlementActions, 'commitSettlement', input, HQ)).toMatchObject({ status: 'settled' })
    // 15% pool, 10% of it to the reserve: the only member gets all of the rest.
    expect((await h.storage.get<AccountDoc>('accounts', memberId))?.availableFen).toBe(1_000 + 13_500)

    // A branch owner still runs their own store: codes, members, withdrawals of the shared pool.
    expect(await h.call(adminActions, 'memberList', { storeId: b.storeId }, OWNER_B)).toMatchObject({ ok: true })
  })
})

describe('branches with their own pools inside HQ bounds', () => {
  test('bounds refuse a branch rule outside them, at opening and at every edit', async () => {
    const { chainId } = await h.ok<{ chainId: string }>(chainActions, 'createChain', { name: '加盟连锁', unifiedPool: false }, HQ)
    const a = await branch(chainId, '一号店', OWNER_A, { poolRatio: 0.2 })
    const bounds = { poolRatio: { min: 0.05, max: 0.15 }, 'withdrawal.feeRatio': { max: 0.01 } }
    const set = await h.ok<{ outside: { storeId: string; violations: { field: string; value: number }[] }[] }>(chainActions, 'setBranchBounds', { chainId, bounds }, HQ)
    expect(set.outside).toEqual([{ storeId: a.storeId, name: '一号店', violations: [{ field: 'poolRatio', value: 0.2, min: 0.05, max: 0.15 }] }])
    expect(await h.call(chainActions, 'addChainStore', { chainId, name: '二号店', rules: { poolRatio: 0.3 } }, HQ)).toMatchObject({ ok: false, code: 'rules_out_of_bounds' })
    const before = await h.census()
    expect(await h.call(adminActions, 'editRules', { storeId: a.storeId, rules: { ...defaultRuleSet(), withdrawal: { ...defaultRuleSet().withdrawal, feeRatio: 0.05 } } }, OWNER_A)).toMatchObject({ ok: false, code: 'rules_out_of_bounds' })
    expect(await h.census()).toEqual(before)
    expect(await h.call(adminActions, 'editRules', { storeId: a.storeId, rules: { ...defaultRuleSet(), poolRatio: 0.12 } }, OWNER_A)).toMatchObject({ ok: true })
    const b = await branch(chainId, '二号店', OWNER_B)
    expect(b.scopeId).not.toBe(a.scopeId)
    const overview = await h.ok<{ stores: { name: string; violations: unknown[]; members: number }[]; pool: unknown }>(chainActions, 'hqOverview', { chainId }, HQ)
    expect(overview.pool).toBeNull()
    expect(overview.stores.map((s) => [s.name, s.violations.length])).toEqual([
      ['二号店', 0], // same opening time: by name (pinyin)
      ['一号店', 1], // the edit takes effect at the next period start; today's rules are still 0.2
    ])
    expect(await h.call(chainActions, 'setBranchBounds', { chainId, bounds: { poolRatio: { min: 0.2, max: 0.1 } } }, HQ)).toMatchObject({ ok: false, code: 'invalid_input' })
  })
})

describe('who HQ is', () => {
  test('HQ acts as owner in its own chain’s stores only; others cannot act as HQ', async () => {
    const { chainId } = await h.ok<{ chainId: string }>(chainActions, 'createChain', { name: '街角连锁', unifiedPool: true }, HQ)
    const a = await branch(chainId, '东门店', OWNER_A)
    const other = await h.ok<{ chainId: string }>(chainActions, 'createChain', { name: '别家连锁', unifiedPool: false }, 'o_other_hq')
    expect(await h.call(chainActions, 'hqOverview', { chainId }, 'o_other_hq')).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await h.call(chainActions, 'hqOverview', { chainId }, OWNER_A)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await h.call(chainActions, 'addChainStore', { chainId: other.chainId, name: 'x' }, HQ)).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await h.call(adminActions, 'dashboard', { storeId: a.storeId }, 'o_other_hq')).toMatchObject({ ok: false, code: 'forbidden' })
    expect(await h.call(adminActions, 'dashboard', { storeId: a.storeId }, HQ)).toMatchObject({ ok: true })
    expect(await h.call(chainActions, 'createChain', { name: 'x', unifiedPool: true }, OWNER_A)).toMatchObject({ ok: false, code: 'forbidden' })
    const me = await h.ok<{ chains: { chainId: string; name: string }[] }>({ whoAmI }, 'whoAmI', {}, HQ)
    expect(me.chains).toEqual([{ chainId, name: '街角连锁', unifiedPool: true }])
  })
})

test('bounds: only fields outside their min/max are reported', () => {
  const rules = { ...defaultRuleSet(), poolRatio: 0.15, fenPerShare: 500 }
  expect(boundViolations(rules, {})).toEqual([])
  expect(boundViolations(rules, { poolRatio: { min: 0.15, max: 0.15 }, fenPerShare: { min: 1000 } })).toEqual([{ field: 'fenPerShare', value: 500, min: 1000, max: null }])
  expect(boundViolations(rules, { 'weights.referred': { max: 0.2 } })).toEqual([{ field: 'weights.referred', value: 0.3, min: null, max: 0.2 }])
})
