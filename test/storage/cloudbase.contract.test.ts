import { storageContract } from './contract'

// The CloudBase run needs a real environment. Without credentials it is skipped, and says so.
const env = process.env.TCB_ENV_ID
const hasCredentials = Boolean(env && process.env.TCB_SECRET_ID && process.env.TCB_SECRET_KEY)

if (!hasCredentials) {
  console.log('[skip] storage contract on CloudBase: set TCB_ENV_ID, TCB_SECRET_ID and TCB_SECRET_KEY to run it against a real environment')
}

;(hasCredentials ? describe : describe.skip)('storage contract: CloudBase', () => {
  storageContract(async () => {
    throw new Error('the CloudBase adapter is not written yet (issue: backend storage)')
  })
})
