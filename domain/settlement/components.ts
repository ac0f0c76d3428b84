import type { ShareUnits } from '../../types/money'
import type { MemberComponents } from '../../types/settlement'
import type { Period } from '../period/calendar'
import { withinReferralWindow } from '../referral/binding'

/** A purchase as the settlement sees it: shares net of refunds made before the snapshot. */
export interface PurchaseFact {
  readonly memberId: string
  readonly capturedAtMs: number
  readonly netSharesUnits: ShareUnits
}

export interface ReferralFact {
  readonly refereeId: string
  readonly referrerId: string
  readonly boundAtMs: number
}

export interface ComponentSources {
  readonly period: Period
  readonly referralWindowDays: number
  readonly purchases: Iterable<PurchaseFact>
  readonly referrals: Iterable<ReferralFact>
  /** Interaction points earned in the period, before the cap. */
  readonly points: ReadonlyMap<string, number>
  /** Durable holdings at period start. */
  readonly heldUnits: ReadonlyMap<string, ShareUnits>
  readonly frozen: ReadonlySet<string>
}

interface Mutable {
  ownUnits: number
  referredUnits: number
}

/**
 * SPEC §5's components from raw facts. ownShares: shares captured in the period; referredShares: shares
 * captured in the period by members the member referred directly (single level: a referee's own referees
 * never count), while within the referral window from binding. The storage layer may aggregate in the
 * database instead; this is the definition both must agree with.
 */
export function aggregateComponents(src: ComponentSources): MemberComponents[] {
  const referrerOf = new Map<string, ReferralFact>()
  for (const r of src.referrals) referrerOf.set(r.refereeId, r)
  const acc = new Map<string, Mutable>()
  const entry = (id: string) => {
    let e = acc.get(id)
    if (!e) acc.set(id, (e = { ownUnits: 0, referredUnits: 0 }))
    return e
  }
  for (const p of src.purchases) {
    if (p.capturedAtMs < src.period.startMs || p.capturedAtMs >= src.period.endMs || p.netSharesUnits <= 0) continue
    entry(p.memberId).ownUnits += p.netSharesUnits
    const binding = referrerOf.get(p.memberId)
    if (binding && withinReferralWindow(binding.boundAtMs, p.capturedAtMs, src.referralWindowDays)) {
      entry(binding.referrerId).referredUnits += p.netSharesUnits
    }
  }
  for (const id of src.points.keys()) entry(id)
  for (const id of src.heldUnits.keys()) entry(id)
  for (const id of src.frozen) entry(id)
  return [...acc.keys()].sort().map((memberId) => {
    const e = acc.get(memberId) as Mutable
    return {
      memberId,
      ownUnits: e.ownUnits,
      referredUnits: e.referredUnits,
      points: src.points.get(memberId) ?? 0,
      heldUnits: src.heldUnits.get(memberId) ?? 0,
      frozen: src.frozen.has(memberId),
    }
  })
}
