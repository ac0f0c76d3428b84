import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { copyForRun, round } from './stats'
import { settleDb } from './settleDb'

/**
 * Settlement of one quarter on SQLite: 1,000,000 members, 3,000,000 purchases, 20% referred. Timed: preview
 * (aggregate, compute, snapshot) + commit, in a child process on a copy of the database. Baseline, same run:
 * the same dividend ledger documents and account updates as raw SQL in one transaction, on another copy.
 */
export async function benchSettle(): Promise<void> {
  const members = Number(process.env.BENCH_MEMBERS ?? 1_000_000)
  const db = await settleDb(members)
  console.log(`settle db: ${db.members} members, ${db.purchases} purchases — ${db.buildMs === null ? 'reused' : `built in ${(db.buildMs / 1000).toFixed(1)} s`}`)
  const work = db.file.replace(/store\.sqlite$/, 'run.sqlite')
  copyForRun(db.file, work)
  const run = spawnSync(process.execPath, ['--max-old-space-size=3000', '--import', 'tsx', path.join(__dirname, 'settleRun.ts'), work, db.scopeId, db.periodId, String(db.dueMs)], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  if (run.status !== 0) throw new Error('settle run failed')
  const r = JSON.parse(run.stdout) as { ms: number; previewMs: number; commitMs: number; peakRssMb: number; writes: number; membersPaid: number }
  console.log(`preview ${round(r.previewMs / 1000)} s, commit ${round(r.commitMs / 1000)} s, ${r.writes} writes, ${r.membersPaid} members paid`)

  const baselineMs = baseline(db.file, work)
  for (const suffix of ['', '-wal', '-shm']) rmSync(work + suffix, { force: true })
  console.log(
    `RESULT settle ${JSON.stringify({
      members: db.members,
      ms: round(r.ms),
      baselineMs: round(baselineMs),
      ratio: round(r.ms / baselineMs, 2),
      peakRssMb: round(r.peakRssMb),
      writesPerPaidMember: round(r.writes / r.membersPaid, 3),
    })}`,
  )
}

/**
 * The same writes as plain SQL in one transaction: exactly the dividend ledger documents the commit wrote,
 * (with the indexed columns beside them) and each paid account set to the document the commit left, in the
 * same (member) order.
 */
function baseline(original: string, committed: string): number {
  const source = new Database(committed, { readonly: true })
  // Every column of the ledger (the document and the indexed fields kept beside it), so the baseline pays
  // for the same index entries as the run.
  const ledgerColumns = (source.prepare(`SELECT name FROM pragma_table_info('c_ledger')`).pluck().all() as string[]).map((c) => `"${c}"`)
  const rows = source
    .prepare(
      `SELECT ${ledgerColumns.map((c) => `l.${c}`).join(', ')}, a._id, a.doc FROM "c_ledger" l JOIN "c_accounts" a ON a._id = json_extract(l.doc, '$.accountId') ` +
        `WHERE l._id >= 'div:' AND l._id < 'div;' ORDER BY l._id`,
    )
    .raw()
    .all() as unknown[][]
  source.close()
  const copy = original.replace(/store\.sqlite$/, 'baseline.sqlite')
  copyForRun(original, copy)
  const target = new Database(copy)
  target.pragma('journal_mode = WAL')
  target.pragma('synchronous = NORMAL')
  const insert = target.prepare(`INSERT INTO "c_ledger" (${ledgerColumns.join(', ')}) VALUES (${ledgerColumns.map(() => '?').join(', ')})`)
  const update = target.prepare(`UPDATE "c_accounts" SET doc = ? WHERE _id = ?`)
  const n = ledgerColumns.length
  const t0 = performance.now()
  target.transaction(() => {
    for (const row of rows) {
      insert.run(...row.slice(0, n))
      update.run(row[n + 1], row[n])
    }
  })()
  const ms = performance.now() - t0
  target.close()
  for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true })
  return ms
}
