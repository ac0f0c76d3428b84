import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { FUNCTIONS, type FunctionName } from '../functions'
import type { MemberDoc } from '../model'
import { dispatch } from '../runtime/dispatch'
import { memberIdFor } from '../services/ids'
import { nodeCrypto } from '../nodeCrypto'
import type { Storage } from '../storage/types'
import { DEMO_HQ, DEMO_OWNER, localContext } from './localContext'

const DAY = 86_400_000

export interface DemoUser {
  readonly openid: string
  readonly name: string
  readonly role: 'hq' | 'owner' | 'manager' | 'staff' | 'member'
}

/** A small seeded PRNG (mulberry32): the demo is the same on every machine. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const SURNAMES = '张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高'
const GIVEN = ['小明', '晓燕', '建国', '丽华', '志强', '秀英', '子涵', '浩然', '欣怡', '宇轩', '梓萱', '俊杰']

/**
 * Seeds the demo store on first run (SPEC-shaped data, written through the real actions at past instants):
 * an owner, a manager, two staff, 60 members (a fifth referred by earlier members), purchases across two
 * past quarters and this one, the older quarter settled, and pending withdrawals.
 */
export async function seedDemo(storage: Storage, dataDir: string, nowMs = Date.now()): Promise<{ storeId: string; users: DemoUser[] }> {
  const random = prng(20261204)
  const call = async <T>(fn: FunctionName, action: string, input: Record<string, unknown>, openid: string, atMs: number): Promise<T> => {
    const result = await dispatch(FUNCTIONS[fn], { action, ...input }, await localContext(storage, openid, atMs))
    if (!result.ok) throw new Error(`seed: ${fn}.${action} failed: ${result.code} ${result.issues?.join('; ') ?? ''}`)
    return result.data as T
  }

  const opened = Date.parse('2026-04-02T02:00:00Z')
  // A chain whose branches keep their own pools: HQ sees both side by side; each owner runs their store.
  const { chainId } = await call<{ chainId: string }>('admin', 'createChain', { name: '街角咖啡', hqName: '周总', unifiedPool: false }, DEMO_HQ, opened - DAY)
  const branch = async (name: string, owner: string, ownerName: string, at: number) => {
    const b = await call<{ storeId: string; scopeId: string; ownerInviteCode: string }>('admin', 'addChainStore', { chainId, name }, DEMO_HQ, at)
    await call('admin', 'acceptInvite', { inviteCode: b.ownerInviteCode, displayName: ownerName }, owner, at + 60_000)
    return b
  }
  const { storeId, scopeId } = await branch('街角咖啡 · 人民路店', DEMO_OWNER, '陈老板', opened)
  const users: DemoUser[] = [
    { openid: DEMO_OWNER, name: '陈老板（店主）', role: 'owner' },
    { openid: DEMO_HQ, name: '周总（连锁总部）', role: 'hq' },
  ]
  for (const [openid, name, role] of [
    ['demo_manager', '林店长', 'manager'],
    ['demo_staff_1', '小王（店员）', 'staff'],
    ['demo_staff_2', '小李（店员）', 'staff'],
  ] as const) {
    const { inviteCode } = await call<{ inviteCode: string }>('admin', 'createInvite', { storeId, role }, DEMO_OWNER, opened + DAY)
    await call('admin', 'acceptInvite', { inviteCode, displayName: name }, openid, opened + DAY + 60_000)
    users.push({ openid, name, role })
  }

  const members: { openid: string; joinAt: number; referralCode: string }[] = []
  const lastPurchaseAt = nowMs - 2 * 3600_000
  for (let i = 1; i <= 60; i++) {
    const openid = `demo_member_${String(i).padStart(2, '0')}`
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`
    const joinAt = opened + 2 * DAY + Math.floor(random() * 150) * DAY + i * 60_000
    const referrer = i > 10 && random() < 0.25 ? members[Math.floor(random() * members.length)] : undefined
    await call('member', 'join', { storeId, nickname: name, ...(referrer ? { referralCode: referrer.referralCode } : {}) }, openid, joinAt)
    const member = await storage.get<MemberDoc>('members', memberIdFor(nodeCrypto, scopeId, openid))
    members.push({ openid, joinAt, referralCode: member!.referralCode })
    users.push({ openid, name, role: 'member' })
  }

  // Purchases: 2–8 per member between joining and now, on the staff's codes, at opening hours.
  const staff = ['demo_staff_1', 'demo_staff_2']
  const planned: { at: number; openid: string; amountFen: number; staff: string }[] = []
  for (const m of members) {
    const count = 2 + Math.floor(random() * 7)
    for (let k = 0; k < count; k++) {
      const at = m.joinAt + Math.floor(random() * Math.max(DAY, lastPurchaseAt - m.joinAt))
      const amountFen = (15 + Math.floor(random() * 280)) * 100 + Math.floor(random() * 100)
      planned.push({ at: Math.min(at, lastPurchaseAt), openid: m.openid, amountFen, staff: staff[Math.floor(random() * 2)]! })
    }
  }
  planned.sort((a, b) => a.at - b.at)
  for (const p of planned) {
    const code = await call<{ token: string }>('checkout', 'createCode', { storeId, amountFen: p.amountFen }, p.staff, p.at)
    await call('checkout', 'capture', { token: code.token }, p.openid, p.at + 30_000)
    if (random() < 0.3) await call('member', 'checkIn', { storeId }, p.openid, p.at + 60_000)
  }

  // The older quarter is settled; the later one waits for the owner's profit declaration.
  const settledAt = Date.parse('2026-07-10T02:00:00Z')
  await call('admin', 'declareProfit', { storeId, periodId: '2026Q2', profitFen: 3_000_000, note: '二季度净利润' }, DEMO_OWNER, settledAt)
  await call('admin', 'previewSettlement', { storeId, periodId: '2026Q2' }, DEMO_OWNER, settledAt + 60_000)
  await call('admin', 'commitSettlement', { storeId, periodId: '2026Q2' }, DEMO_OWNER, settledAt + 120_000)

  // Pending withdrawals from members who were paid, one of them waiting for more than 3 days.
  let pending = 0
  for (const m of members) {
    if (pending >= 3) break
    const home = await call<{ balances: { availableFen: number } }>('member', 'home', { storeId }, m.openid, nowMs - 4 * DAY)
    if (home.balances.availableFen < 2_000) continue
    const at = nowMs - (pending === 0 ? 4 : pending) * DAY
    await call('wallet', 'requestWithdrawal', { storeId, amountFen: Math.min(home.balances.availableFen, 5_000), requestId: `seed-withdraw-${pending}` }, m.openid, at)
    pending++
  }

  // The second branch, opened later, with a few purchases of its own.
  const west = await branch('街角咖啡 · 西湖店', 'demo_owner_2', '吴老板', Date.parse('2026-10-08T02:00:00Z'))
  users.push({ openid: 'demo_owner_2', name: '吴老板（西湖店店主）', role: 'owner' })
  for (let i = 0; i < 8; i++) {
    const at = Math.min(lastPurchaseAt, Date.parse('2026-10-10T03:00:00Z') + i * 5 * DAY)
    const code = await call<{ token: string }>('checkout', 'createCode', { storeId: west.storeId, amountFen: 2_000 + i * 1_150 }, 'demo_owner_2', at)
    await call('checkout', 'capture', { token: code.token }, members[i]!.openid, at + 30_000)
  }

  mkdirSync(dataDir, { recursive: true })
  writeFileSync(path.join(dataDir, 'demo.json'), JSON.stringify({ storeId, users }, null, 2))
  return { storeId, users }
}
