import cloudbase from '@cloudbase/node-sdk'
import { COLLECTION_NAMES } from '../../server/storage/collections'
import { CloudBaseStorage } from '../../server/storage/cloudbaseStorage'
import { storageContract } from './contract'

// The CloudBase run needs a real environment. Without credentials it is skipped, and says so; it is never
// faked. It works in collections prefixed `contract_`, created here and emptied before each case, so it can
// run in an environment that also holds real data.
const { TCB_ENV_ID: env, TCB_SECRET_ID: secretId, TCB_SECRET_KEY: secretKey } = process.env
const hasCredentials = Boolean(env && secretId && secretKey)
const PREFIX = 'contract_'

if (!hasCredentials) {
  console.log('[skip] storage contract on CloudBase: set TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY to run it against a real environment')
}

;(hasCredentials ? describe : describe.skip)('storage contract: CloudBase', () => {
  jest.setTimeout(120_000)
  const db = hasCredentials ? cloudbase.init({ env, secretId, secretKey }).database() : null
  const used = ['audit', 'ledger', 'accounts'] as const

  beforeAll(async () => {
    for (const name of COLLECTION_NAMES) {
      if (!(used as readonly string[]).includes(name)) continue
      await db!.createCollection(PREFIX + name).catch(() => undefined) // already there
    }
  })

  storageContract(async () => {
    const _ = db!.command
    for (const name of used) {
      // Remove in rounds: a bulk remove may stop early on large collections.
      for (let round = 0; round < 20; round++) {
        const res = await db!.collection(PREFIX + name).where({ _id: _.exists(true) }).remove()
        if (!res.deleted) break
      }
    }
    return new CloudBaseStorage(db, { collectionPrefix: PREFIX })
  })
})
