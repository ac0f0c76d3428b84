/**
 * The timed part of `bench settle`, in its own process so peak RSS is the run's own: preview + commit of one
 * quarter on a copy of the bench database. Prints JSON.
 * Usage: settleRun <file> <scopeId> <periodId> <dueMs>
 */
import { localContext } from '../server/local/localContext'
import type { SettlementDoc } from '../server/model'
import { commitSettlementFor, previewSettlementFor } from '../server/services/settlement'
import { CountingStorage } from '../server/storage/countingStorage'
import { SqliteStorage } from '../server/storage/sqliteStorage'

async function main(): Promise<void> {
  const [file, scopeId, periodId, dueMs] = process.argv.slice(2) as [string, string, string, string]
  const storage = new CountingStorage(new SqliteStorage({ file }))
  const ctx = await localContext(storage, null, Number(dueMs))
  storage.reset()
  const t0 = performance.now()
  await previewSettlementFor(ctx, scopeId, periodId)
  const t1 = performance.now()
  const progress = await commitSettlementFor(ctx, scopeId, periodId, { batchRows: 500, budgetMs: Number.MAX_SAFE_INTEGER })
  const t2 = performance.now()
  if (progress.status !== 'settled') throw new Error('commit did not finish')
  const settlement = (await storage.get<SettlementDoc>('settlements', `${scopeId}:${periodId}`))!
  const counts = storage.counts
  await storage.close()
  process.stdout.write(
    JSON.stringify({
      ms: t2 - t0,
      previewMs: t1 - t0,
      commitMs: t2 - t1,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      writes: counts.writes,
      membersPaid: settlement.totals.membersPaid,
    }),
  )
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
