import { adminActions } from '../../server/services/admin'
import { checkoutActions, type CaptureResult } from '../../server/services/checkout'
import { memberIdFor } from '../../server/services/ids'
import { memberActions } from '../../server/services/memberActions'
import { walletActions } from '../../server/services/wallet'
import { settlementActions } from '../../server/services/settlement'
import { runDaily } from '../../server/services/timer'
import type { AccountDoc, MemberDoc } from '../../server/model'
import { defaultRuleSet } from '../../types/rules'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { credit, newCode, openStore } from '../support/store'

const A = 'o_alice'
const B = 'o_bob'
let h: Harness
beforeEach(() => {
  h = new Harness('2026-10-15T02:00:00Z')
})
afterEach(() => h.auditAndClose())

async function buy(storeId: string, openid: string, amountFen: number, extra: Record<string, unknown> = {}) {
  return h.ok<CaptureResult>(checkoutActions, 'capture', { token: (await newCode(h, storeId, amountFen)).token, ...extra }, openid)
}

describe('member actions', () => {
  test('home card: not a member yet, then shares, this period, balance; join is free', async () => {
    const { storeId } = await openStore(h)
    expect(await h.ok(memberActions, 'home', { storeId }, A)).toMatchObject({ isMember: false, disclosure: '分红来源于门店利润，不保证收益' })
    expect(await h.ok(memberActions, 'join', { storeId, nickname: '爱丽丝' }, A)).toMatchObject({ joined: true })
    expect(await h.ok(memberActions, 'join', { storeId }, A)).toMatchObject({ joined: false })
    await buy(storeId, A, 25_000)
    const card = await h.ok<{ sharesUnits: number; period: { ownUnits: number; index: number } }>(memberActions, 'home', { storeId }, A)
    expect(card).toMatchObject({ isMember: true, nickname: '爱丽丝', sharesUnits: 25_000, period: { ownUnits: 25_000, index: 25_000 * 10_000 } })
  })

  test('referees are listed masked with what they added; check-in once a day; a review once per purchase', async () => {
    const { storeId, scopeId } = await openStore(h)
    await h.ok(memberActions, 'join', { storeId }, A)
    const alice = (await h.storage.get<MemberDoc>('members', memberIdFor(nodeCrypto, scopeId, A)))!
    await h.ok(memberActions, 'join', { storeId, referralCode: alice.referralCode, nickname: '王小明' }, B)
    const p = await buy(storeId, B, 10_000)
    expect(await h.ok(memberActions, 'myReferees', { storeId }, A)).toEqual([{ name: '王**', joinedAtMs: h.nowMs, periodUnits: 10_000 }])
    expect(await h.ok(memberActions, 'checkIn', { storeId }, B)).toMatchObject({ alreadyToday: false })
    expect(await h.ok(memberActions, 'checkIn', { storeId }, B)).toMatchObject({ alreadyToday: true })
    expect(await h.ok(memberActions, 'reviewPurchase', { storeId, purchaseId: p.purchaseId, rating: 5 }, B)).toMatchObject({ points: 1 })
    expect(await h.call(memberActions, 'reviewPurchase', { storeId, purchaseId: p.purchaseId, rating: 4 }, B)).toMatchObject({ ok: false, code: 'conflict' })
    expect(await h.call(memberActions, 'reviewPurchase', { storeId, purchaseId: p.purchaseId, rating: 4 }, A)).toMatchObject({ ok: false, code: 'not_found' })
    const home = await h.ok<{ period: { points: number; referredUnits: number } }>(memberActions, 'home', { storeId }, A)
    expect(home.period.referredUnits).toBe(10_000)
  })

  test('dividend history shows each settled period’s transparency figures', async () => {
    const { storeId, scopeId } = await openStore(h)
    await buy(storeId, A, 30_000)
    await buy(storeId, B, 10_000)
    h.nowMs = Date.parse('2027-01-08T00:00:00Z')
    await h.ok(settlementActions, 'declareProfit', { storeId, periodId: '2026Q4', profitFen: 100_000 }, OWNER)
    await h.ok(settlementActions, 'previewSettlement', { storeId, periodId: '2026Q4' }, OWNER)
    await h.ok(settlementActions, 'commitSettlement', { storeId, periodId: '2026Q4' }, OWNER)
    const history = await h.ok<{ periodId: string; poolFen: number; totalIndex: string; mine: { amountFen: number; index: number } }[]>(memberActions, 'dividendHistory', { storeId }, A)
    // pool 15,000; reserve 1,500; 13,500 split 3:1 → 10,125 / 3,375.
    expect(history).toEqual([
      expect.objectContaining({ periodId: '2026Q4', poolFen: 15_000, reserveInFen: 1_500, distributableFen: 13_500, ruleVersion: 1, totalIndex: String(40_000 * 10_000) }),
    ])
    expect(history[0]!.mine).toMatchObject({ memberId: memberIdFor(nodeCrypto, scopeId, A), amountFen: 10_125, ownUnits: 30_000, index: 30_000 * 10_000 })
  })

  test('rules: in force, upcoming edits and the lint are readable by anyone', async () => {
    const { storeId } = await openStore(h)
    const edit = await h.ok<{ version: number; lint: { code: string }[] }>(adminActions, 'editRules', { storeId, rules: { ...defaultRuleSet(), poolRatio: 0.6 } }, OWNER)
    expect(edit.version).toBe(2)
    expect(edit.lint.map((l) => l.code)).toContain('pool_ratio_high')
    const r = await h.ok<{ inForce: { version: number }; upcoming: { version: number; effectiveFromMs: number }[] }>(memberActions, 'rules', { storeId }, A)
    expect(r.inForce.version).toBe(1)
    expect(r.upcoming).toEqual([{ version: 2, effectiveFromMs: Date.parse('2026-12-31T16:00:00Z') }])
    expect(await h.call(adminActions, 'editRules', { storeId, rules: defaultRuleSet() }, 'o_staff_1')).toMatchObject({ ok: false, code: 'forbidden' })
  })
})

describe('deletion request (SPEC §7)', () => {
  test('personal fields are blanked; the member id, account and ledger stay; refused while a withdrawal is open', async () => {
    const { storeId, scopeId } = await openStore(h)
    await h.ok(memberActions, 'join', { storeId, nickname: '爱丽丝' }, A)
    const memberId = memberIdFor(nodeCrypto, scopeId, A)
    await credit(h, memberId, 5_000)
    const w = await h.ok<{ withdrawalId: string }>(walletActions, 'requestWithdrawal', { storeId, amountFen: 2_000, requestId: 'del-wd-0001' }, A)
    expect(await h.call(memberActions, 'requestDeletion', { storeId, confirm: '删除我的个人信息' }, A)).toMatchObject({ ok: false, code: 'conflict' })
    await h.ok(walletActions, 'cancelWithdrawal', { storeId, withdrawalId: w.withdrawalId }, A)
    expect(await h.call(memberActions, 'requestDeletion', { storeId, confirm: 'yes' }, A)).toMatchObject({ ok: false, code: 'invalid_input' })
    expect(await h.ok(memberActions, 'requestDeletion', { storeId, confirm: '删除我的个人信息' }, A)).toEqual({ memberId, anonymized: true })
    const doc = await h.storage.get<MemberDoc>('members', memberId)
    expect(doc).toMatchObject({ nickname: null, openid: '', anonymizedAtMs: h.nowMs })
    expect(await h.storage.get<AccountDoc>('accounts', memberId)).toMatchObject({ availableFen: 5_000 })
    // The credit, the withdrawal hold and its release: all kept.
    expect(await h.storage.count('ledger', { accountId: memberId })).toBe(3)
  })
})

describe('owner actions', () => {
  test('a flagged member is frozen: balance moves to frozen, captures refused, then unfrozen; forfeit goes to the reserve', async () => {
    const { storeId, scopeId } = await openStore(h)
    await buy(storeId, 'o_staff_1', 100) // staff claiming their own code → a self_claim flag
    const member = memberIdFor(nodeCrypto, scopeId, 'o_staff_1')
    await credit(h, member, 4_000)
    const flags = await h.ok<{ flagId: string; rule: string }[]>(adminActions, 'fraudFlags', { storeId }, OWNER)
    expect(flags.map((f) => f.rule)).toEqual(['self_claim'])
    await h.ok(adminActions, 'reviewFlag', { storeId, flagId: flags[0]!.flagId, decision: 'freeze' }, OWNER)
    expect(await h.storage.get<AccountDoc>('accounts', member)).toMatchObject({ availableFen: 0, frozenFen: 4_000 })
    expect(await h.call(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, 'o_staff_1')).toMatchObject({ ok: false, code: 'member_frozen' })
    await h.ok(adminActions, 'unfreezeMember', { storeId, memberId: member, requestId: 'unfreeze-01' }, OWNER)
    expect(await h.storage.get<AccountDoc>('accounts', member)).toMatchObject({ availableFen: 4_000, frozenFen: 0 })
    // Freeze again (via a new flag) and forfeit.
    await buy(storeId, 'o_staff_1', 100)
    const again = await h.ok<{ flagId: string }[]>(adminActions, 'fraudFlags', { storeId }, OWNER)
    await h.ok(adminActions, 'reviewFlag', { storeId, flagId: again[0]!.flagId, decision: 'freeze' }, OWNER)
    expect(await h.ok(adminActions, 'forfeitFrozen', { storeId, memberId: member, requestId: 'forfeit-01' }, OWNER)).toEqual({ memberId: member, forfeitedFen: 4_000 })
    expect(await h.storage.get<AccountDoc>('accounts', `reserve:${scopeId}`)).toMatchObject({ availableFen: 4_000 })
    const log = await h.ok<{ entries: { action: string }[] }>(adminActions, 'auditLog', { storeId }, OWNER)
    expect(log.entries.map((e) => e.action)).toEqual(expect.arrayContaining(['flag_freeze', 'member_unfrozen', 'frozen_forfeited']))
  })

  test('dashboard: members, growth, captured revenue, liabilities and the fund-safety alert', async () => {
    const { storeId, scopeId } = await openStore(h)
    await buy(storeId, A, 50_000)
    await credit(h, memberIdFor(nodeCrypto, scopeId, A), 9_000)
    const d = await h.ok<{ members: number; capturedFen: number; liabilitiesFen: number; reserveFen: number; alerts: { code: string }[]; growth: { joined: number }[]; revenue: { capturedFen: number }[] }>(
      adminActions,
      'dashboard',
      { storeId },
      OWNER,
    )
    expect(d).toMatchObject({ members: 1, capturedFen: 50_000, liabilitiesFen: 9_000, reserveFen: 0 })
    expect(d.growth.at(-1)!.joined).toBe(1)
    expect(d.revenue.map((w) => w.capturedFen)).toEqual([0, 0, 0, 0, 0, 0, 0, 50_000])
    expect(d.alerts.map((a) => a.code)).toEqual(['liabilities_above_cover'])
    expect(await h.call(adminActions, 'dashboard', { storeId }, A)).toMatchObject({ ok: false, code: 'forbidden' })
  })

  test('the daily timer previews what is due, commits it with autoCommit, and refreshes estimates', async () => {
    const { storeId, scopeId } = await openStore(h)
    await h.ok(adminActions, 'editRules', { storeId, rules: { ...defaultRuleSet(), autoCommit: true } }, OWNER)
    await buy(storeId, A, 30_000)
    h.nowMs = Date.parse('2027-01-08T00:00:00Z')
    const first = await runDaily(h.context(null))
    expect(first.awaitingProfit).toEqual([`${scopeId}:2026Q4`])
    await h.ok(settlementActions, 'declareProfit', { storeId, periodId: '2026Q4', profitFen: 100_000 }, OWNER)
    // The timer acts on the rules in force now (v2: autoCommit); Q4's figures still use Q4's version (v1).
    const second = await runDaily(h.context(null))
    expect(second.previewed).toEqual([`${scopeId}:2026Q4`])
    expect(second.committed).toEqual([`${scopeId}:2026Q4`])
    expect(await h.storage.get<AccountDoc>('accounts', memberIdFor(nodeCrypto, scopeId, A))).toMatchObject({ availableFen: 13_500 })
    // Estimates of the running quarter use the last settled profit.
    await buy(storeId, A, 10_000)
    await runDaily(h.context(null))
    const card = await h.ok<{ estimatedDividendFen: number }>(memberActions, 'home', { storeId }, A)
    expect(card.estimatedDividendFen).toBe(13_500)
  })
})
