import { checkReferralBinding } from '../../domain/referral/binding'
import { mintReferralCode } from '../../domain/checkout/token'
import { referralBurst } from '../../domain/fraud/rules'
import { businessDayStartMs } from '../../domain/period/calendar'
import type { RuleSet } from '../../types/rules'
import type { AccountDoc, FraudFlagDoc, MemberDoc, ReferralCodeDoc } from '../model'
import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'
import { memberIdFor, randomId } from './ids'

export interface NewMemberPlan {
  readonly member: MemberDoc
  readonly flags: FraudFlagDoc[]
}

/**
 * What joining a scope writes for a person who was never a member (SPEC §6): the member, with the referral
 * binding when the code they opened allows it. Reads happen here, before the transaction; a failed binding
 * never blocks the join.
 */
export async function planNewMember(
  ctx: ServiceContext,
  scopeId: string,
  openid: string,
  referralCode: string | null,
  nickname: string | null,
  rules: RuleSet,
): Promise<NewMemberPlan> {
  const memberId = memberIdFor(ctx.crypto, scopeId, openid)
  let referredBy: string | null = null
  const flags: FraudFlagDoc[] = []
  if (referralCode) {
    const code = await ctx.storage.get<ReferralCodeDoc>('referralCodes', referralCode)
    const referrer = code && code.scopeId === scopeId ? await ctx.storage.get<MemberDoc>('members', code.memberId) : null
    const binding = checkReferralBinding({
      referrer: referrer ? { memberId: referrer._id, openid: referrer.openid, referredByMemberId: referrer.referredBy } : null,
      callerOpenid: openid,
      callerIsNewToScope: true,
      callerMemberId: memberId,
    })
    if (binding.ok) {
      referredBy = binding.value.referrerMemberId
      const boundToday = await ctx.storage.count('members', {
        scopeId,
        referredBy,
        boundAtMs: { gte: businessDayStartMs(ctx.nowMs) },
      })
      const burst = referralBurst(boundToday, rules.fraud)
      if (burst) flags.push(fraudFlag(ctx, scopeId, null, referredBy, burst.rule, burst.evidence, memberId))
    }
  }
  return {
    member: {
      _id: memberId,
      scopeId,
      openid,
      nickname,
      referralCode: mintReferralCode(ctx.crypto),
      referredBy,
      boundAtMs: referredBy ? ctx.nowMs : null,
      joinedAtMs: ctx.nowMs,
      frozen: false,
    },
    flags,
  }
}

/**
 * Writes a planned member inside a transaction, if the member still does not exist (two first captures at
 * once must not both create it). Returns the member as stored.
 */
export async function createMemberTx(tx: Transaction, plan: NewMemberPlan): Promise<MemberDoc> {
  const existing = await tx.get<MemberDoc>('members', plan.member._id)
  if (existing) return existing
  const m = plan.member
  await tx.set<MemberDoc>('members', m)
  await tx.set<AccountDoc>('accounts', { _id: m._id, scopeId: m.scopeId, kind: 'member', availableFen: 0, heldFen: 0, frozenFen: 0 })
  // A referral code collision (47 bits) would surface here as an existing document: keep the old owner's.
  if ((await tx.create<ReferralCodeDoc>('referralCodes', { _id: m.referralCode, memberId: m._id, scopeId: m.scopeId })) === 'exists') {
    throw new Error('referral code collision; retry')
  }
  for (const flag of plan.flags) await tx.set('fraudFlags', flag)
  return m
}

export function fraudFlag(
  ctx: ServiceContext,
  scopeId: string,
  storeId: string | null,
  memberId: string,
  rule: string,
  evidence: Readonly<Record<string, string | number>>,
  ref: string | null,
): FraudFlagDoc {
  return { _id: randomId(ctx.crypto, 'ff'), scopeId, storeId, memberId, rule, evidence, createdAtMs: ctx.nowMs, status: 'open', ref }
}
