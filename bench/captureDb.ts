import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { mintCheckoutToken } from '../domain/checkout/token'
import { FUNCTIONS } from '../server/functions'
import { localContext } from '../server/local/localContext'
import type { AccountDoc, CodeDoc, MemberDoc, StoreDoc } from '../server/model'
import { nodeCrypto } from '../server/nodeCrypto'
import { dispatch } from '../server/runtime/dispatch'
import { memberIdFor } from '../server/services/ids'
import { markTotalsCurrent } from '../server/services/backfill'
import { SqliteStorage } from '../server/storage/sqliteStorage'

export interface CaptureDb {
  readonly dataDir: string
  readonly file: string
  readonly storeId: string
  readonly scopeId: string
  readonly members: number
  readonly buildMs: number | null
}

const OWNER = 'bench_owner'
export const memberOpenid = (i: number) => `bench_m_${i}`

/**
 * A database with one store and `members` returning members, built once under .data/bench/ and reused.
 * Members and accounts are bulk-loaded (the real actions would take hours for a million).
 */
export async function captureDb(members: number): Promise<CaptureDb> {
  const dataDir = path.resolve(__dirname, '..', '.data', 'bench', `capture-${members}`)
  const file = path.join(dataDir, 'store.sqlite')
  const metaFile = path.join(dataDir, 'meta.json')
  if (existsSync(metaFile)) {
    // Opening and closing folds the WAL into the file (it is copied next) and brings the schema up to date.
    // No purchases and no balances: its running totals are current (a build from before they existed
    // gets the marker here, so the host does not backfill a million members on every run's copy).
    const storage = new SqliteStorage({ file })
    await markTotalsCurrent(storage)
    await storage.close()
    return { ...(JSON.parse(readFileSync(metaFile, 'utf8')) as CaptureDb), buildMs: null }
  }
  mkdirSync(dataDir, { recursive: true })
  const started = Date.now()
  const storage = new SqliteStorage({ file })
  await markTotalsCurrent(storage)
  process.env.BOOTSTRAP_OPENIDS = OWNER
  const created = await dispatch(FUNCTIONS.admin, { action: 'createStore', name: '压测门店' }, await localContext(storage, OWNER, Date.now() - 86_400_000))
  if (!created.ok) throw new Error(created.code)
  const { storeId, scopeId } = created.data as { storeId: string; scopeId: string }
  const joinedAtMs = Date.now() - 3_600_000
  const BATCH = 50_000
  for (let from = 0; from < members; from += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, members - from) }, (_, k) => from + k)
    const docs = ids.map((i): MemberDoc => ({
      _id: memberIdFor(nodeCrypto, scopeId, memberOpenid(i)),
      scopeId,
      openid: memberOpenid(i),
      nickname: null,
      referralCode: `R${String(i).padStart(7, '0')}`,
      referredBy: null,
      boundAtMs: null,
      joinedAtMs,
      frozen: false,
    }))
    await storage.insertMany('members', docs)
    await storage.insertMany('accounts', docs.map((m): AccountDoc => ({ _id: m._id, scopeId, kind: 'member', availableFen: 0, heldFen: 0, frozenFen: 0 })))
  }
  await storage.close()
  const meta = { dataDir, file, storeId, scopeId, members, buildMs: Date.now() - started }
  writeFileSync(metaFile, JSON.stringify(meta))
  return meta
}

/** Mints `count` open checkout codes in the store and pairs each token with a random returning member. */
export async function mintCodes(db: CaptureDb, count: number, random: () => number): Promise<{ token: string; openid: string }[]> {
  const storage = new SqliteStorage({ file: db.file })
  const store = (await storage.get<StoreDoc>('stores', db.storeId))!
  const now = Date.now()
  const out: { token: string; openid: string }[] = []
  const codes: CodeDoc[] = []
  for (let i = 0; i < count; i++) {
    const amountFen = 1_000 + Math.floor(random() * 20_000)
    const minted = mintCheckoutToken(nodeCrypto, store.signingSecret, store._id, amountFen)
    codes.push({
      _id: minted.codeKey,
      storeId: store._id,
      scopeId: store.scopeId,
      amountFen,
      posOrderNo: null,
      createdByOpenid: OWNER,
      createdAtMs: now,
      expiresAtMs: now + 86_400_000,
      status: 'open',
      claimedByMemberId: null,
      claimedAtMs: null,
      offsetFen: 0,
      claimedByName: null,
    })
    out.push({ token: minted.token, openid: memberOpenid(Math.floor(random() * db.members)) })
  }
  await storage.insertMany('codes', codes)
  await storage.close()
  return out
}
