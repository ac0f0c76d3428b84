/**
 * `npm start`: builds the H5 app, opens the embedded SQLite store under DATA_DIR (default .data/), seeds the
 * demo store on first run (SEED=0 skips it), and serves every cloud function's real handler plus the H5
 * app from one local host on 127.0.0.1:PORT (default 8686). WORKERS=n runs n processes on the same file.
 * SKIP_BUILD=1 reuses dist/h5; NO_H5=1 serves the functions only (tests).
 */
import cluster from 'node:cluster'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { createHost } from '../server/local/host'
import { localContext } from '../server/local/localContext'
import { seedDemo } from '../server/local/seed'
import { backfillTotals, markTotalsCurrent } from '../server/services/backfill'
import { SqliteStorage } from '../server/storage/sqliteStorage'

const root = path.resolve(__dirname, '..')
const h5Dir = path.join(root, 'dist', 'h5')
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(root, '.data'))
const port = Number(process.env.PORT ?? 8686)
const host = '127.0.0.1'
const workers = Math.max(1, Number(process.env.WORKERS ?? 1))

function buildH5(): void {
  console.log('building the H5 app (dist/h5)…')
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'taro'), ['build', '--type', 'h5'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    console.error('H5 build failed')
    process.exit(result.status ?? 1)
  }
}

async function prepare(): Promise<void> {
  const wantH5 = process.env.NO_H5 !== '1'
  if (wantH5 && (process.env.SKIP_BUILD !== '1' || !existsSync(path.join(h5Dir, 'index.html')))) buildH5()
  const storage = new SqliteStorage({ file: path.join(dataDir, 'store.sqlite') })
  const empty = (await storage.count('stores', {})) === 0
  // A new database keeps the running totals from its first write; an older one is brought up to date below.
  if (empty) await markTotalsCurrent(storage)
  const seeding = process.env.SEED !== '0' && empty
  if (seeding) {
    const started = Date.now()
    const { users } = await seedDemo(storage, dataDir)
    console.log(`seeded the demo store: ${users.length} people, in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
  // A database from before the running totals existed gets them, once, before anything is served.
  if (await backfillTotals(await localContext(storage, null))) console.log('brought the running period totals of an older database up to date')
  await storage.close()
}

function serve(): void {
  const storage = new SqliteStorage({ file: path.join(dataDir, 'store.sqlite') })
  const server = createHost({ storage, h5Dir: process.env.NO_H5 === '1' ? '' : h5Dir, dataDir })
  server.listen(port, host, () => {
    if (cluster.isPrimary) console.log(`门店会员分红 is running at http://${host}:${port}/`)
  })
  const stop = () => server.close(() => void storage.close().then(() => process.exit(0)))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

async function main(): Promise<void> {
  if (cluster.isPrimary) {
    await prepare()
    if (workers === 1) return serve()
    for (let i = 0; i < workers; i++) cluster.fork()
    console.log(`门店会员分红 is running at http://${host}:${port}/ (${workers} worker processes)`)
    const stop = () => {
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM')
      process.exit(0)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  } else {
    serve()
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
