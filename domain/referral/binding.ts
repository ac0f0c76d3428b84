import { fail, ok, type Result } from '../../types/errors'

export interface ReferrerRecord {
  readonly memberId: string
  /** The referrer's own openid, only to refuse self-referral; never shown or sent. */
  readonly openid: string
  /** Who referred the referrer, if anyone. */
  readonly referredByMemberId: string | null
}

export interface BindingContext {
  /** The member found for the referral code, or null for an unknown code. */
  readonly referrer: ReferrerRecord | null
  readonly callerOpenid: string
  /** True only when the caller has never been a member of this scope. */
  readonly callerIsNewToScope: boolean
  /** The memberId the caller has or is about to get. */
  readonly callerMemberId: string
}

export type BindingError = 'referral_unknown_code' | 'referral_not_new' | 'referral_self' | 'referral_cycle'

/**
 * SPEC §6: bind only a person who has never been a member of the scope; never to oneself; never to someone
 * the person referred. Single level by construction: a binding records one referrer and nothing follows it.
 * A failed binding never blocks the join or the purchase: the handler joins without a referrer.
 */
export function checkReferralBinding(ctx: BindingContext): Result<{ referrerMemberId: string }, BindingError> {
  if (!ctx.referrer) return fail('referral_unknown_code')
  if (!ctx.callerIsNewToScope) return fail('referral_not_new')
  if (ctx.referrer.openid === ctx.callerOpenid || ctx.referrer.memberId === ctx.callerMemberId) return fail('referral_self')
  if (ctx.referrer.referredByMemberId === ctx.callerMemberId) return fail('referral_cycle')
  return ok({ referrerMemberId: ctx.referrer.memberId })
}

/** A referral link or poster the device opened. */
export interface OpenedReferral {
  readonly referralCode: string
  readonly openedAtMs: number
}

/** How long the device keeps an opened referral (SPEC §6). */
export const REFERRAL_KEEP_MS = 7 * 24 * 3600 * 1000

/**
 * The code that counts: the one opened most recently before joining, if opened within the last 7 days.
 * Ties (same instant) go to the one opened later in the list.
 */
export function referralToUse(opened: readonly OpenedReferral[], nowMs: number): string | null {
  let best: OpenedReferral | null = null
  for (const o of opened) {
    if (o.openedAtMs > nowMs || nowMs - o.openedAtMs > REFERRAL_KEEP_MS) continue
    if (!best || o.openedAtMs >= best.openedAtMs) best = o
  }
  return best ? best.referralCode : null
}

/** SPEC §6: a referee's spend counts for the referrer from binding until windowDays later. */
export function withinReferralWindow(boundAtMs: number, capturedAtMs: number, windowDays: number): boolean {
  return capturedAtMs >= boundAtMs && capturedAtMs < boundAtMs + windowDays * 86_400_000
}

/** 张** — first character of the nickname; else 会员 + last 4 of the memberId (SPEC §4.4, §6). */
export function maskedName(nickname: string | null | undefined, memberId: string): string {
  const trimmed = (nickname ?? '').trim()
  if (trimmed) return `${Array.from(trimmed)[0]}**`
  return `会员${memberId.slice(-4)}`
}
