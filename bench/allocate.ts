import { computeSettlement } from '../domain/settlement/computeSettlement'
import { settlementBreaches } from '../domain/settlement/invariants'
import { defaultRuleSet } from '../types/rules'
import type { MemberComponents, SettlementInput } from '../types/settlement'
import { median, round, seededRandom } from './stats'

const MEMBERS = 1_000_000
const RUNS = 5

/**
 * Settlement computation (index, staff split, largest remainder, table) for 1,000,000 members with random
 * components: own spend for most, referrals for 20%, points for some, a few frozen. The baseline is one bare
 * pass over the same member array reading every component, the least any settlement must do.
 */
export function benchAllocate(): void {
  const random = seededRandom(20261204)
  const members: MemberComponents[] = new Array(MEMBERS)
  for (let i = 0; i < MEMBERS; i++) {
    members[i] = {
      memberId: `m${String(i).padStart(7, '0')}`,
      ownUnits: random() < 0.9 ? Math.floor(random() * 5_000_000) : 0, // up to 500 股 (¥50,000)
      referredUnits: random() < 0.2 ? Math.floor(random() * 2_000_000) : 0,
      points: random() < 0.5 ? Math.floor(random() * 120) : 0,
      heldUnits: Math.floor(random() * 20_000_000),
      frozen: random() < 0.001,
    }
  }
  const d = defaultRuleSet()
  const input: SettlementInput = {
    scopeId: 'bench',
    periodId: '2026Q4',
    ruleVersion: 1,
    rules: { ...d, staffRatio: 0.3, weights: { ...d.weights, held: 0.05 } },
    profitFen: 2_000_000_000, // ¥20M declared profit → pool ¥3M
    reserveBeforeFen: 50_000_000,
    members,
    staff: Array.from({ length: 40 }, (_, i) => ({ staffId: `s${i}`, salesFen: Math.floor(random() * 50_000_000) })),
  }

  const baselineTimes: number[] = []
  const times: number[] = []
  let table = computeSettlement(input) // warm-up, and the result checked below
  for (let run = 0; run < RUNS; run++) {
    let t = performance.now()
    let sink = 0
    for (let i = 0; i < MEMBERS; i++) {
      const m = members[i] as MemberComponents
      sink += m.ownUnits + m.referredUnits + m.points + m.heldUnits + (m.frozen ? 1 : 0) + m.memberId.length
    }
    baselineTimes.push(performance.now() - t)
    if (sink < 0) throw new Error('unreachable')
    t = performance.now()
    table = computeSettlement(input)
    times.push(performance.now() - t)
  }
  const breaches = settlementBreaches(table)
  if (breaches.length) throw new Error(`settlement invariants broken: ${breaches.join('; ')}`)

  const ms = median(times)
  const baselineMs = median(baselineTimes)
  console.log(`runs (ms): ${times.map((x) => round(x)).join(', ')}; baseline runs (ms): ${baselineTimes.map((x) => round(x, 2)).join(', ')}`)
  console.log(`distributable ¥${table.totals.distributableFen / 100}, members paid ${table.totals.membersPaid}, staff pool ¥${table.totals.staffPoolFen / 100}`)
  console.log(`RESULT allocate ${JSON.stringify({ members: MEMBERS, ms: round(ms), baselineMs: round(baselineMs, 2), ratio: round(ms / baselineMs, 1) })}`)
}
