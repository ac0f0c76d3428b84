import { FUNCTIONS } from '../../server/functions'
import { dispatch } from '../../server/runtime/dispatch'
import type { FraudFlagDoc, MemberDoc } from '../../server/model'
import { checkoutActions, type CaptureResult } from '../../server/services/checkout'
import { memberIdFor } from '../../server/services/ids'
import { chainActions } from '../../server/services/chains'
import { storeActions } from '../../server/services/stores'
import { walletActions } from '../../server/services/wallet'
import { CountingStorage } from '../../server/storage/countingStorage'
import { defaultRuleSet } from '../../types/rules'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { credit, newCode, STAFF } from '../support/store'

jest.setTimeout(120_000)

type Persona = 'anonymous' | 'member' | 'otherMember' | 'staff' | 'manager' | 'owner' | 'otherOwner' | 'hq'
const PERSONAS: Persona[] = ['anonymous', 'member', 'otherMember', 'staff', 'manager', 'owner', 'otherOwner', 'hq']
const OPENID: Record<Persona, string | null> = {
  anonymous: null,
  member: 'o_member',
  otherMember: 'o_other_member',
  staff: STAFF,
  manager: 'o_manager',
  owner: OWNER,
  otherOwner: 'o_other_owner',
  // HQ of the chain this store belongs to (branches keep their own pools): acts as owner in it.
  hq: 'o_hq_admin',
}
const ANY_SIGNED_IN: Persona[] = ['member', 'otherMember', 'staff', 'manager', 'owner', 'otherOwner', 'hq']
const STORE_STAFF: Persona[] = ['staff', 'manager', 'owner']
/** The store's owner, and HQ of its chain. */
const OWNER_LIKE: Persona[] = ['owner', 'hq']

interface World {
  storeId: string
  /** Actions that change who a person is (join, accepting an invite) act on the other store, so they
   *  cannot change any persona's standing in this one. */
  otherStoreId: string
  otherInviteCode: string
  codeKey: string
  token: string
  purchaseId: string
  memberId: string
  withdrawalId: string
  flagId: string
  inviteCode: string
  extraStaffId: string
  chainId: string
}

/** Who may call each action, and a well-formed input for it. Anything not listed as allowed must be refused. */
const MATRIX: Record<string, { allowed: Persona[]; input: (w: World) => Record<string, unknown> }> = {
  'checkout.createCode': { allowed: [...STORE_STAFF, 'hq'], input: (w) => ({ storeId: w.storeId, amountFen: 100 }) },
  'checkout.voidCode': { allowed: [...STORE_STAFF, 'hq'], input: (w) => ({ storeId: w.storeId, codeKey: w.codeKey }) },
  'checkout.codeStatus': { allowed: [...STORE_STAFF, 'hq'], input: (w) => ({ storeId: w.storeId, codeKey: w.codeKey }) },
  'checkout.codeImage': { allowed: [...STORE_STAFF, 'hq'], input: (w) => ({ storeId: w.storeId, token: w.token }) },
  'checkout.peekCode': { allowed: ANY_SIGNED_IN, input: (w) => ({ token: w.token }) },
  'checkout.todayCaptures': { allowed: [...STORE_STAFF, 'hq'], input: (w) => ({ storeId: w.storeId }) },
  'checkout.capture': { allowed: ANY_SIGNED_IN, input: () => ({ token: 'c' + 'A'.repeat(21) }) },
  'checkout.refund': { allowed: ['manager', ...OWNER_LIKE], input: (w) => ({ storeId: w.storeId, purchaseId: w.purchaseId, refundFen: 1, reason: '测试', requestId: 'authz-refund-1' }) },
  'member.join': { allowed: ANY_SIGNED_IN, input: (w) => ({ storeId: w.otherStoreId }) },
  'member.setNickname': { allowed: ['member'], input: (w) => ({ storeId: w.storeId, nickname: '新名字' }) },
  'member.home': { allowed: ANY_SIGNED_IN, input: (w) => ({ storeId: w.storeId }) },
  'member.myReferees': { allowed: ['member'], input: (w) => ({ storeId: w.storeId }) },
  'member.dividendHistory': { allowed: ['member'], input: (w) => ({ storeId: w.storeId }) },
  'member.checkIn': { allowed: ['member'], input: (w) => ({ storeId: w.storeId }) },
  'member.subscribeNotices': { allowed: ANY_SIGNED_IN, input: (w) => ({ storeId: w.storeId, accepted: ['dividend_paid'] }) },
  'member.reviewPurchase': { allowed: ['member'], input: (w) => ({ storeId: w.storeId, purchaseId: w.purchaseId, rating: 5 }) },
  'member.rules': { allowed: ANY_SIGNED_IN, input: (w) => ({ storeId: w.storeId }) },
  'member.requestDeletion': { allowed: ['member'], input: (w) => ({ storeId: w.storeId, confirm: '删除我的个人信息' }) },
  'member.whoAmI': { allowed: ['anonymous', ...ANY_SIGNED_IN], input: (w) => ({ storeId: w.storeId }) },
  'wallet.myLedger': { allowed: ['member'], input: (w) => ({ storeId: w.storeId }) },
  'wallet.requestWithdrawal': { allowed: ['member'], input: (w) => ({ storeId: w.storeId, amountFen: 1_000, requestId: 'authz-withdraw-1' }) },
  'wallet.myWithdrawals': { allowed: ['member'], input: (w) => ({ storeId: w.storeId }) },
  'wallet.cancelWithdrawal': { allowed: ['member'], input: (w) => ({ storeId: w.storeId, withdrawalId: w.withdrawalId }) },
  'admin.createStore': { allowed: ['owner', 'otherOwner', 'hq'], input: () => ({ name: '新店' }) },
  'admin.createInvite': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, role: 'staff' }) },
  'admin.acceptInvite': { allowed: ANY_SIGNED_IN, input: (w) => ({ inviteCode: w.otherInviteCode, displayName: '新人' }) },
  'admin.removeRole': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, staffId: w.extraStaffId }) },
  'admin.listRoles': { allowed: ['manager', ...OWNER_LIKE], input: (w) => ({ storeId: w.storeId }) },
  'admin.rotateSigningSecret': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId }) },
  'admin.dashboard': { allowed: ['manager', ...OWNER_LIKE], input: (w) => ({ storeId: w.storeId }) },
  'admin.editRules': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, rules: defaultRuleSet() }) },
  'admin.lintText': { allowed: ['manager', ...OWNER_LIKE], input: (w) => ({ storeId: w.storeId, text: '欢迎光临' }) },
  'admin.fraudFlags': { allowed: ['manager', ...OWNER_LIKE], input: (w) => ({ storeId: w.storeId }) },
  'admin.reviewFlag': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, flagId: w.flagId, decision: 'clear' }) },
  'admin.unfreezeMember': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, memberId: w.memberId, requestId: 'authz-unfreeze-1' }) },
  'admin.forfeitFrozen': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, memberId: w.memberId, requestId: 'authz-forfeit-1' }) },
  'admin.adjustBalance': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, memberId: w.memberId, amountFen: 1, reason: '测试', requestId: 'authz-adjust-1' }) },
  'admin.auditLog': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId }) },
  'admin.memberList': { allowed: ['manager', ...OWNER_LIKE], input: (w) => ({ storeId: w.storeId }) },
  'admin.declareProfit': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, periodId: '2026Q3', profitFen: 1 }) },
  'admin.setEstimatedProfit': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, periodId: '2026Q4', estimatedFen: 1 }) },
  'admin.previewSettlement': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, periodId: '2026Q3' }) },
  'admin.settlementRows': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, periodId: '2026Q3' }) },
  'admin.commitSettlement': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, periodId: '2026Q3' }) },
  'admin.settlementStatus': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, periodId: '2026Q3' }) },
  // Managers review withdrawals only where the store allows it; this store does not.
  'admin.withdrawalQueue': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId }) },
  'admin.createApiKey': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, label: '收银机' }) },
  'admin.revokeApiKey': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, keyId: 'pk_0000000000000000' }) },
  'admin.listApiKeys': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId }) },
  'admin.reviewWithdrawal': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, withdrawalId: w.withdrawalId, decision: 'approve' }) },
  'admin.startTransfer': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, withdrawalId: w.withdrawalId }) },
  'admin.createChain': { allowed: ['owner', 'otherOwner', 'hq'], input: () => ({ name: '新连锁', unifiedPool: false }) },
  'admin.addChainStore': { allowed: ['hq'], input: (w) => ({ chainId: w.chainId, name: '新分店' }) },
  'admin.setBranchBounds': { allowed: ['hq'], input: (w) => ({ chainId: w.chainId, bounds: {} }) },
  'admin.hqOverview': { allowed: ['hq'], input: (w) => ({ chainId: w.chainId }) },
  'admin.syncTransfer': { allowed: OWNER_LIKE, input: (w) => ({ storeId: w.storeId, withdrawalId: w.withdrawalId }) },
}

const DENIED = ['forbidden', 'not_authenticated', 'not_found']

test('every action is in the matrix', () => {
  const actions = Object.entries(FUNCTIONS).flatMap(([fn, acts]) => Object.keys(acts).map((a) => `${fn}.${a}`))
  expect(actions.sort()).toEqual(Object.keys(MATRIX).sort())
})

describe('authorization matrix: persona × action', () => {
  let counting!: CountingStorage
  let h: Harness
  let world: World

  beforeAll(async () => {
    h = new Harness('2026-10-15T02:00:00Z', { rehearse: false, wrap: (s) => (counting = new CountingStorage(s)), bootstrap: [OWNER, 'o_other_owner', 'o_hq_admin'] })
    // This store is a branch of a chain (own pool); its shopkeeper accepted HQ's owner invite.
    const { chainId } = await h.ok<{ chainId: string }>(chainActions, 'createChain', { name: '连锁', unifiedPool: false }, 'o_hq_admin')
    const opened = await h.ok<{ storeId: string; scopeId: string; ownerInviteCode: string }>(chainActions, 'addChainStore', { chainId, name: '本店' }, 'o_hq_admin')
    await h.ok(storeActions, 'acceptInvite', { inviteCode: opened.ownerInviteCode, displayName: '店主' }, OWNER)
    const { storeId, scopeId } = opened
    for (const [openid, role] of [
      [STAFF, 'staff'],
      ['o_manager', 'manager'],
      ['o_extra_staff', 'staff'],
    ] as const) {
      const { inviteCode } = await h.ok<{ inviteCode: string }>(storeActions, 'createInvite', { storeId, role }, OWNER)
      await h.ok(storeActions, 'acceptInvite', { inviteCode, displayName: openid }, openid)
    }
    const roles = await h.ok<{ staffId: string; displayName: string }[]>(storeActions, 'listRoles', { storeId }, OWNER)
    // Another store with its own owner and its own member.
    const other = await h.ok<{ storeId: string }>(storeActions, 'createStore', { name: '别的店' }, 'o_other_owner')
    const { inviteCode: otherInviteCode } = await h.ok<{ inviteCode: string }>(storeActions, 'createInvite', { storeId: other.storeId, role: 'staff' }, 'o_other_owner')
    await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, 'o_member')
    const otherCode = await h.ok<{ token: string }>(checkoutActions, 'createCode', { storeId: other.storeId, amountFen: 100 }, 'o_other_owner')
    await h.ok(checkoutActions, 'capture', { token: otherCode.token }, 'o_other_member')
    const p = await h.ok<CaptureResult>(checkoutActions, 'capture', { token: (await newCode(h, storeId, 5_000)).token }, 'o_member')
    const memberId = memberIdFor(nodeCrypto, scopeId, 'o_member')
    await credit(h, memberId, 10_000)
    const w = await h.ok<{ withdrawalId: string }>(walletActions, 'requestWithdrawal', { storeId, amountFen: 1_000, requestId: 'authz-setup-1' }, 'o_member')
    // A fraud flag to review: the member's fourth capture within ten minutes.
    for (let i = 0; i < 2; i++) await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, 'o_member')
    const flag = (await h.storage.query<FraudFlagDoc>('fraudFlags', { where: {}, limit: 1 })).docs[0]!
    const { inviteCode } = await h.ok<{ inviteCode: string }>(storeActions, 'createInvite', { storeId, role: 'staff' }, OWNER)
    world = {
      storeId,
      otherStoreId: other.storeId,
      otherInviteCode,
      codeKey: (await newCode(h, storeId, 300)).codeKey,
      token: (await newCode(h, storeId, 400)).token,
      purchaseId: p.purchaseId,
      memberId,
      withdrawalId: w.withdrawalId,
      flagId: flag._id,
      inviteCode,
      chainId,
      extraStaffId: roles.find((r) => r.displayName === 'o_extra_staff')!.staffId,
    }
    expect(await h.storage.get<MemberDoc>('members', memberId)).not.toBeNull()
  })
  afterAll(() => h.close())

  for (const [qualified, spec] of Object.entries(MATRIX)) {
    const [fnName, actionName] = qualified.split('.') as [keyof typeof FUNCTIONS, string]
    for (const persona of PERSONAS) {
      const allowed = spec.allowed.includes(persona)
      test(`${qualified} as ${persona}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const auditBefore = await h.storage.count('audit', {})
        counting.reset()
        const result = await dispatch(FUNCTIONS[fnName], { action: actionName, ...spec.input(world) }, h.context(OPENID[persona]))
        if (allowed) {
          // Allowed means authorization let it through; the action may still answer with a domain error.
          if (!result.ok) expect(['forbidden', 'not_authenticated', 'invalid_input', 'internal']).not.toContain(result.code)
        } else {
          expect(result.ok).toBe(false)
          if (!result.ok) expect(DENIED).toContain(result.code)
          // A refusal writes at most its own audit record.
          const audits = (await h.storage.count('audit', {})) - auditBefore
          expect(counting.counts.writes).toBe(audits)
          expect(audits).toBeLessThanOrEqual(1)
        }
      })
    }
  }
})
