import type { SettlementTable } from '../../types/settlement'

/**
 * The settlement invariants of SPEC §5, as a list of breaches (empty when all hold). Used by the tests after
 * every case and by `audit` on stored snapshots.
 */
export function settlementBreaches(table: SettlementTable): string[] {
  const t = table.totals
  const breaches: string[] = []
  const memberSum = table.members.reduce((sum, m) => sum + m.amountFen, 0)
  const staffSum = table.staff.reduce((sum, s) => sum + s.amountFen, 0)
  if (memberSum + staffSum + t.unallocatedFen !== t.distributableFen) {
    breaches.push(`Σ members ${memberSum} + Σ staff ${staffSum} + unallocated ${t.unallocatedFen} ≠ distributable ${t.distributableFen}`)
  }
  if (t.poolFen !== t.reserveInFen + t.distributableFen - t.reserveDrawFen) {
    breaches.push(`pool ${t.poolFen} ≠ reserveIn ${t.reserveInFen} + distributable ${t.distributableFen} − reserveDraw ${t.reserveDrawFen}`)
  }
  if (t.reserveAfterFen !== t.reserveBeforeFen + t.reserveInFen - t.reserveDrawFen + t.unallocatedFen) {
    breaches.push('reserveAfter ≠ reserveBefore + reserveIn − reserveDraw + unallocated')
  }
  if (t.reserveDrawFen > t.reserveBeforeFen) breaches.push('reserve drawn beyond its balance')
  if (t.staffPoolFen !== staffSum) breaches.push(`staff pool ${t.staffPoolFen} ≠ Σ staff ${staffSum}`)
  if (t.memberPoolFen !== memberSum + t.unallocatedFen) breaches.push('member pool ≠ Σ members + unallocated')
  if (t.memberPaidFen !== memberSum) breaches.push('memberPaidFen ≠ Σ member amounts')
  const seen = new Set<string>()
  for (const m of table.members) {
    if (seen.has(m.memberId)) breaches.push(`member ${m.memberId} appears twice`)
    seen.add(m.memberId)
    if (!Number.isSafeInteger(m.amountFen) || m.amountFen < 0) breaches.push(`member ${m.memberId} amount ${m.amountFen}`)
    if (m.index === 0 && m.amountFen !== 0) breaches.push(`member ${m.memberId} paid with zero index`)
  }
  for (const s of table.staff) {
    if (!Number.isSafeInteger(s.amountFen) || s.amountFen < 0) breaches.push(`staff ${s.staffId} amount ${s.amountFen}`)
  }
  return breaches
}
