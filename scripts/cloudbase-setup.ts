/**
 * `npm run cloudbase:setup`: creates every collection of server/storage/collections.ts and its indexes in
 * the CloudBase environment TCB_ENV_ID (credentials TCB_SECRET_ID / TCB_SECRET_KEY). Safe to re-run:
 * existing collections and indexes are left as they are.
 */
import CloudBase from '@cloudbase/manager-node'
import { COLLECTION_NAMES } from '../server/storage/collections'
import { cloudbaseIndexes } from '../server/storage/cloudbaseIndexes'

async function main(): Promise<void> {
  const { TCB_ENV_ID: envId, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env
  if (!envId || !secretId || !secretKey) {
    console.error('set TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY')
    process.exit(2)
  }
  const prefix = process.env.TCB_COLLECTION_PREFIX ?? ''
  const manager = new CloudBase({ envId, secretId, secretKey })
  const database = manager.database
  for (const name of COLLECTION_NAMES) {
    const collection = prefix + name
    await database.createCollectionIfNotExists(collection)
    const missing = []
    for (const index of cloudbaseIndexes(name)) {
      const exists = await database.checkIndexExists(collection, index.IndexName)
      if (!exists.Exists) missing.push(index)
    }
    if (missing.length) await database.updateCollection(collection, { CreateIndexes: missing })
    console.log(`${collection}: ${missing.length ? `created ${missing.map((i) => i.IndexName).join(', ')}` : 'up to date'}`)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
