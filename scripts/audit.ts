/**
 * `npm run audit`: checks every invariant of SPEC §5 and §7 on the local database (DATA_DIR, default
 * .data/) and exits non-zero on any breach.
 */
import path from 'node:path'
import { localContext } from '../server/local/localContext'
import { auditInvariants } from '../server/services/auditInvariants'
import { SqliteStorage } from '../server/storage/sqliteStorage'

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(__dirname, '..', '.data'))
  const storage = new SqliteStorage({ file: path.join(dataDir, 'store.sqlite') })
  const report = await auditInvariants(await localContext(storage, null))
  await storage.close()
  console.log(`audit: ${report.accounts} accounts, ${report.entries} ledger entries, ${report.settlements} settlements`)
  for (const b of report.breaches) console.log(`BREACH ${b}`)
  if (report.breaches.length) {
    console.log(`audit failed: ${report.breaches.length} breach(es)`)
    process.exit(1)
  }
  console.log('audit passed')
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
