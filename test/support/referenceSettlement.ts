import type { SettlementInput } from '../../types/settlement'

/**
 * A second, deliberately naive implementation of SPEC §5 (steps 1–5 and "Exact rounding"), written from the
 * text alone in BigInt with no code shared with domain/. The property tests require the two to agree to the
 * fen on random inputs.
 */
export interface ReferenceResult {
  pool: bigint
  reserveIn: bigint
  reserveDraw: bigint
  distributable: bigint
  staffPool: bigint
  memberPool: bigint
  unallocated: bigint
  reserveAfter: bigint
  members: Map<string, bigint>
  staff: Map<string, bigint>
}

/** "0.3" → 3000n over 10000, read from the decimal text. */
function scaled(ratio: number): bigint {
  const [whole, frac = ''] = String(ratio).split('.')
  if (frac.length > 4 || String(ratio).includes('e')) throw new Error(`ratio ${ratio}`)
  return BigInt(whole as string) * 10000n + BigInt(frac.padEnd(4, '0'))
}

function largestRemainder(total: bigint, entries: [string, bigint][]): Map<string, bigint> {
  const out = new Map<string, bigint>()
  const sum = entries.reduce((s, [, w]) => s + w, 0n)
  for (const [id] of entries) out.set(id, 0n)
  if (sum === 0n) return out
  let left = total
  const rema: { id: string; r: bigint }[] = []
  for (const [id, w] of entries) {
    out.set(id, (total * w) / sum)
    left -= (total * w) / sum
    if (w > 0n) rema.push({ id, r: (total * w) % sum })
  }
  rema.sort((a, b) => (a.r !== b.r ? (a.r > b.r ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  for (let i = 0; left > 0n; i++, left--) {
    const id = (rema[i] as { id: string }).id
    out.set(id, (out.get(id) as bigint) + 1n)
  }
  return out
}

export function referenceSettlement(input: SettlementInput): ReferenceResult {
  const r = input.rules
  const profit = BigInt(input.profitFen)
  const pool = (profit * scaled(r.poolRatio)) / 10000n
  const reserveIn = (pool * scaled(r.reserveRatio)) / 10000n
  const reserveBefore = BigInt(input.reserveBeforeFen)
  let need = BigInt(r.floorFen) - (pool - reserveIn)
  if (need < 0n) need = 0n
  const reserveDraw = need < reserveBefore ? need : reserveBefore
  const distributable = pool - reserveIn + reserveDraw
  const anySales = input.staff.some((s) => s.salesFen > 0)
  const staffPool = anySales ? (distributable * scaled(r.staffRatio)) / 10000n : 0n
  const staff = largestRemainder(
    staffPool,
    input.staff.map((s) => [s.staffId, BigInt(s.salesFen)]),
  )
  const memberPool = distributable - staffPool
  const w = r.weights
  const indexes: [string, bigint][] = input.members.map((m) => [
    m.memberId,
    scaled(w.own) * BigInt(m.ownUnits) +
      scaled(w.referred) * BigInt(m.referredUnits) +
      scaled(w.interaction) * BigInt(Math.min(m.points, r.interaction.capPerPeriod)) * 10000n +
      scaled(w.held) * BigInt(m.heldUnits),
  ])
  const anyIndex = indexes.some(([, i]) => i > 0n)
  const members = largestRemainder(anyIndex ? memberPool : 0n, indexes)
  const unallocated = anyIndex ? 0n : memberPool
  return {
    pool,
    reserveIn,
    reserveDraw,
    distributable,
    staffPool,
    memberPool,
    unallocated,
    reserveAfter: reserveBefore + reserveIn - reserveDraw + unallocated,
    members,
    staff,
  }
}
