import type {
  MemberComponents,
  SettlementInput,
  SettlementMemberRow,
  SettlementStaffRow,
  SettlementTable,
  StaffSales,
} from '../../types/settlement'
import { applyRatioFloor, assertNonNegativeInt } from '../money/exact'
import { allocateLargestRemainder } from './allocate'
import { cappedPoints, contributionIndex, scaleWeights } from './contributionIndex'

/**
 * The whole settlement of one (scope, period), SPEC §5 steps 1–5, as a pure function of its input.
 * The result is the snapshot the owner previews and the commit writes, row for row.
 */
export function computeSettlement(input: SettlementInput): SettlementTable {
  const { rules } = input
  assertNonNegativeInt(input.profitFen, 'profitFen')
  assertNonNegativeInt(input.reserveBeforeFen, 'reserveBeforeFen')
  assertNonNegativeInt(rules.floorFen, 'floorFen')

  // 1. Pool and reserve contribution.
  const poolFen = applyRatioFloor(input.profitFen, rules.poolRatio)
  const reserveInFen = applyRatioFloor(poolFen, rules.reserveRatio)
  // 2. The floor is paid only from the reserve held before this settlement.
  const reserveDrawFen = Math.min(Math.max(0, rules.floorFen - (poolFen - reserveInFen)), input.reserveBeforeFen)
  const distributableFen = poolFen - reserveInFen + reserveDrawFen

  // 3. Staff share, split by captured sales; nothing when no staff member sold anything.
  const staff = sortedBy(input.staff, (s) => s.staffId, 'staffId')
  const staffSales = staff.map((s) => {
    assertNonNegativeInt(s.salesFen, `salesFen of ${s.staffId}`)
    return s.salesFen
  })
  const anyStaffSales = staffSales.some((sales) => sales > 0)
  const staffPoolFen = anyStaffSales ? applyRatioFloor(distributableFen, rules.staffRatio) : 0
  const staffAmounts = allocateLargestRemainder(staffPoolFen, staffSales)
  const staffRows: SettlementStaffRow[] = staff.map((s, i) => ({
    staffId: s.staffId,
    salesFen: s.salesFen,
    amountFen: staffAmounts[i] as number,
  }))

  // 4. Members by contribution index.
  const memberPoolFen = distributableFen - staffPoolFen
  const members = sortedBy(input.members, (m) => m.memberId, 'memberId')
  const weights = scaleWeights(rules.weights)
  const cap = rules.interaction.capPerPeriod
  // Local references for the per-member loop (a module binding may be read through a getter).
  const indexOf = contributionIndex
  const capPoints = cappedPoints
  const n = members.length
  const indexes = new Float64Array(n)
  const pointsCounted = new Float64Array(n)
  let totalIndex = 0n
  let partial = 0
  let anyIndex = false
  for (let i = 0; i < n; i++) {
    const m = members[i] as MemberComponents
    assertComponents(m)
    const points = capPoints(m.points, cap)
    const index = indexOf(m, weights, points)
    pointsCounted[i] = points
    indexes[i] = index
    if (index > 0) anyIndex = true
    if (partial + index > Number.MAX_SAFE_INTEGER) {
      totalIndex += BigInt(partial)
      partial = 0
    }
    partial += index
  }
  totalIndex += BigInt(partial)

  // 4b. With nobody to pay, the member pool goes to the reserve.
  const unallocatedFen = anyIndex ? 0 : memberPoolFen
  const memberAmounts = allocateLargestRemainder(anyIndex ? memberPoolFen : 0, indexes)

  const rows: SettlementMemberRow[] = new Array(n)
  let memberPaidFen = 0
  let frozenPaidFen = 0
  let membersPaid = 0
  for (let i = 0; i < n; i++) {
    const m = members[i] as MemberComponents
    const amountFen = memberAmounts[i] as number
    rows[i] = {
      memberId: m.memberId,
      ownUnits: m.ownUnits,
      referredUnits: m.referredUnits,
      pointsCounted: pointsCounted[i] as number,
      heldUnits: m.heldUnits,
      index: indexes[i] as number,
      amountFen,
      frozen: m.frozen,
    }
    memberPaidFen += amountFen
    if (amountFen > 0) membersPaid++
    if (m.frozen) frozenPaidFen += amountFen
  }

  return {
    totals: {
      scopeId: input.scopeId,
      periodId: input.periodId,
      ruleVersion: input.ruleVersion,
      profitFen: input.profitFen,
      poolFen,
      reserveBeforeFen: input.reserveBeforeFen,
      reserveInFen,
      reserveDrawFen,
      distributableFen,
      staffPoolFen,
      memberPoolFen,
      unallocatedFen,
      reserveAfterFen: input.reserveBeforeFen + reserveInFen - reserveDrawFen + unallocatedFen,
      totalIndex: totalIndex.toString(),
      memberCount: n,
      membersPaid,
      memberPaidFen,
      frozenPaidFen,
      staffPaidFen: staffRows.reduce((sum, s) => sum + s.amountFen, 0),
    },
    members: rows,
    staff: staffRows,
  }
}

const isCount = (n: number) => n >= 0 && n <= Number.MAX_SAFE_INTEGER && Number.isInteger(n)

/** On the hot path: the message is built only when a check fails. */
function assertComponents(m: MemberComponents): void {
  if (isCount(m.ownUnits) && isCount(m.referredUnits) && isCount(m.points) && isCount(m.heldUnits)) return
  throw new RangeError(`components of ${m.memberId} must be non-negative safe integers`)
}

/**
 * The rows in plain string order of their id, which is also the tie-break order of the largest-remainder
 * method. Input already in order (the usual case: storage reads by id) is used as it is, after an O(n) check.
 * A repeated id is a programmer error: each member is credited at most once per period.
 */
function sortedBy<T extends MemberComponents | StaffSales>(rows: readonly T[], id: (row: T) => string, what: string): readonly T[] {
  let ordered = true
  for (let i = 1; i < rows.length; i++) {
    const prev = id(rows[i - 1] as T)
    const cur = id(rows[i] as T)
    if (prev === cur) throw new RangeError(`duplicate ${what} ${cur}`)
    if (prev > cur) {
      ordered = false
      break
    }
  }
  if (ordered) return rows
  const copy = [...rows].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0))
  for (let i = 1; i < copy.length; i++) {
    if (id(copy[i - 1] as T) === id(copy[i] as T)) throw new RangeError(`duplicate ${what} ${id(copy[i] as T)}`)
  }
  return copy
}
