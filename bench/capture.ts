import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { LocalHost } from '../server/local/childHost'
import { localContext } from '../server/local/localContext'
import { dispatch } from '../server/runtime/dispatch'
import { FUNCTIONS } from '../server/functions'
import { CountingStorage } from '../server/storage/countingStorage'
import { SqliteStorage } from '../server/storage/sqliteStorage'
import { captureDb, mintCodes, type CaptureDb } from './captureDb'
import { copyForRun, round, seededRandom } from './stats'

const LOAD_REQUESTS = 12_000
const WARMUP_REQUESTS = 1_500
const CONNECTIONS = 32

/**
 * A returning member's capture without offset through the local host over loopback, with the load from a
 * separate process (autocannon), at 1,000 and at 1,000,000 members. Reports rps and p99 at both sizes,
 * flatness = p99(1M) / p99(1k), and the database operations one capture costs (counted in-process).
 */
export async function benchCapture(): Promise<void> {
  const random = seededRandom(4242)
  const results: Record<number, { rps: number; p99Ms: number }> = {}
  let opsPerCapture = 0
  for (const members of [1_000, 1_000_000]) {
    const pristine = await captureDb(members)
    console.log(`capture db ${members} members: ${pristine.buildMs === null ? 'reused' : `built in ${(pristine.buildMs / 1000).toFixed(1)} s`}`)
    // Every run captures into a copy, so runs start from the same state (a reused database would carry the
    // purchases, flags and WAL of every earlier run).
    const db = runCopy(pristine)
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smd-bench-'))
    const warmFile = path.join(dir, 'warmup.json')
    const tokensFile = path.join(dir, 'tokens.json')
    writeFileSync(warmFile, JSON.stringify(await mintCodes(db, WARMUP_REQUESTS, random)))
    writeFileSync(tokensFile, JSON.stringify(await mintCodes(db, LOAD_REQUESTS, random)))
    const host = new LocalHost(db.dataDir)
    await host.start({ WORKERS: process.env.BENCH_WORKERS ?? '2', SEED: '0', NO_H5: '1' })
    try {
      // An unmeasured warm-up (JIT, caches), then the measured run.
      runLoad(host.port, warmFile)
      const r = runLoad(host.port, tokensFile)
      if (r.non2xx || r.errors) throw new Error(`load run had ${r.non2xx} non-2xx and ${r.errors} errors`)
      console.log(`  ${members} members: ${r.total} captures, ${round(r.rps)} rps, p99 ${r.p99Ms} ms`)
      results[members] = { rps: r.rps, p99Ms: r.p99Ms }
    } finally {
      await host.stop()
    }
    // Members drawn apart from the load's: a member captured rapidly by the load run would add fraud-flag
    // writes to the count. (Each run works on a fresh copy, so earlier runs leave nothing behind.)
    if (members === 1_000_000) opsPerCapture = await countOps(db, seededRandom(7_007))
    rmSync(db.dataDir, { recursive: true, force: true })
  }
  const small = results[1_000]!
  const large = results[1_000_000]!
  console.log(
    `RESULT capture ${JSON.stringify({
      rps: round(Math.min(small.rps, large.rps)),
      p99Ms1k: small.p99Ms,
      p99Ms1m: large.p99Ms,
      flatness: round(large.p99Ms / small.p99Ms, 2),
      opsPerCapture: round(opsPerCapture, 2),
    })}`,
  )
}

function runLoad(port: number, tokensFile: string) {
  const load = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'captureLoad.ts'), String(port), tokensFile, String(CONNECTIONS)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  })
  if (load.status !== 0) throw new Error(`load generator failed: ${load.stderr}`)
  return JSON.parse(load.stdout) as { rps: number; p99Ms: number; non2xx: number; errors: number; total: number }
}

/** Database operations per capture of a returning member, no offset: counted through CountingStorage. */
async function countOps(db: CaptureDb, random: () => number): Promise<number> {
  const tokens = await mintCodes(db, 200, random)
  const counting = new CountingStorage(new SqliteStorage({ file: db.file }))
  await localContext(counting, null) // primes the dev clock cache: not part of a capture
  // Warm the per-process store/rules cache as a running host would have it.
  await dispatch(FUNCTIONS.checkout, { action: 'capture', token: tokens[0]!.token }, await localContext(counting, tokens[0]!.openid))
  counting.reset()
  const sample = tokens.slice(1)
  for (const t of sample) {
    const r = await dispatch(FUNCTIONS.checkout, { action: 'capture', token: t.token }, await localContext(counting, t.openid))
    if (!r.ok) throw new Error(`capture failed: ${r.code}`)
  }
  const ops = counting.counts.ops / sample.length
  console.log(`  database requests for ${sample.length} captures: ${JSON.stringify(counting.counts)}`)
  await counting.close()
  return ops
}

function runCopy(db: CaptureDb): CaptureDb {
  const dataDir = path.join(path.dirname(db.dataDir), `${path.basename(db.dataDir)}-run`)
  rmSync(dataDir, { recursive: true, force: true })
  mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'store.sqlite')
  copyForRun(db.file, file)
  return { ...db, dataDir, file }
}
