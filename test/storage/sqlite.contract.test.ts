import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { SqliteStorage } from '../../server/storage/sqliteStorage'
import { storageContract } from './contract'

const dirs: string[] = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

function fileStorage(rehearseTransactions: boolean) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'smd-contract-'))
  dirs.push(dir)
  return new SqliteStorage({ file: path.join(dir, 'store.sqlite'), rehearseTransactions })
}

describe('storage contract: embedded SQLite (file, WAL)', () => {
  storageContract(async () => fileStorage(false))
})

// Every transaction callback runs twice (rolled back once), as CloudBase may on a conflict: the contract
// must still hold, which proves the cases' callbacks — and the adapter — tolerate a re-run.
describe('storage contract: embedded SQLite, transactions rehearsed', () => {
  storageContract(async () => fileStorage(true))
})

describe('SQLite adapter specifics', () => {
  test('calling the storage from inside its own transaction is refused, not deadlocked', async () => {
    const s = fileStorage(false)
    await expect(s.transaction(async () => s.get('audit', 'x'))).rejects.toThrow(/inside its own transaction/)
    await expect(s.transaction(async () => s.transaction(async () => 1))).rejects.toThrow(/nested/)
    expect(await s.get('audit', 'x')).toBeNull()
    await s.close()
  })

  test('opening brings the indexes to what collections.ts declares: a stale one is dropped, current ones are kept', async () => {
    const a = fileStorage(false)
    const file = (a as unknown as { db: { name: string } }).db.name
    await a.close()
    const raw = new Database(file)
    raw.exec(`CREATE INDEX "ix_ledger_9" ON "c_ledger" (json_extract(doc, '$.kind'))`)
    const indexes = () => raw.prepare(`SELECT name, rootpage FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix%' ORDER BY name`).all()
    const before = indexes()
    await new SqliteStorage({ file }).close()
    const after = indexes()
    raw.close()
    expect(after).toEqual(before.filter((ix) => (ix as { name: string }).name !== 'ix_ledger_9'))
  })

  test('a database from before indexed columns (expression indexes on the document) is migrated on open', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'smd-legacy-'))
    dirs.push(dir)
    const file = path.join(dir, 'store.sqlite')
    const raw = new Database(file)
    raw.exec(`CREATE TABLE "c_withdrawals" (_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID`)
    raw.exec(`CREATE INDEX "ix_withdrawals_0" ON "c_withdrawals" (json_extract(doc, '$.scopeId'), json_extract(doc, '$.status'), json_extract(doc, '$.requestedAtMs'))`)
    const insert = raw.prepare(`INSERT INTO "c_withdrawals" (_id, doc) VALUES (?, ?)`)
    insert.run('w1', JSON.stringify({ _id: 'w1', scopeId: 's', status: 'pending', requestedAtMs: 2, memberId: 'm', day: 'd' }))
    insert.run('w2', JSON.stringify({ _id: 'w2', scopeId: 's', status: 'paid', requestedAtMs: 1, memberId: 'm', day: 'd' }))
    insert.run('w3', JSON.stringify({ _id: 'w3', scopeId: 's', status: 'pending', requestedAtMs: 1, memberId: 'm', day: 'd' }))
    raw.close()

    const s = new SqliteStorage({ file })
    const pending = await s.query('withdrawals', { where: { scopeId: 's', status: 'pending' }, orderBy: [['requestedAtMs', 'asc']], limit: 10 })
    expect(pending.docs.map((d) => d._id)).toEqual(['w3', 'w1'])
    // An indexed field that changes moves the document in the index; one that does not leaves it in place.
    await s.update('withdrawals', 'w1', { set: { status: 'paid' } })
    await s.transaction(async (tx) => tx.update('withdrawals', 'w3', { set: { note: 'x' } }))
    expect((await s.query('withdrawals', { where: { scopeId: 's', status: 'paid' }, limit: 10 })).docs.map((d) => d._id).sort()).toEqual(['w1', 'w2'])
    expect((await s.query('withdrawals', { where: { scopeId: 's', status: 'pending' }, limit: 10 })).docs).toEqual([
      { _id: 'w3', scopeId: 's', status: 'pending', requestedAtMs: 1, memberId: 'm', day: 'd', note: 'x' },
    ])
    await s.close()
    const check = new Database(file, { readonly: true })
    const plan = check.prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "c_withdrawals" WHERE "f_scopeId" = 's' AND "f_status" = 'pending'`).all() as { detail: string }[]
    check.close()
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING INDEX ix_withdrawals_0/)
  })

  test('a second connection on the same file sees committed writes', async () => {
    const a = fileStorage(false)
    const file = (a as unknown as { db: { name: string } }).db.name
    const b = new SqliteStorage({ file })
    await a.create('audit', { _id: 'shared', v: 1 })
    expect(await b.get('audit', 'shared')).toEqual({ _id: 'shared', v: 1 })
    await Promise.all([a.close(), b.close()])
  })

  test('insertMany bulk-loads in one transaction and skips existing ids', async () => {
    const s = fileStorage(false)
    await s.create('audit', { _id: 'a', v: 'first' })
    expect(await s.insertMany('audit', [{ _id: 'a', v: 'second' }, { _id: 'b', v: 1 }, { _id: 'c', v: 2 }])).toBe(2)
    expect(await s.get('audit', 'a')).toEqual({ _id: 'a', v: 'first' })
    expect(await s.count('audit', {})).toBe(3)
    await s.close()
  })

  test('field names are checked before they reach SQL', async () => {
    const s = fileStorage(false)
    await expect(s.query('audit', { where: { "x') OR 1=1 --": 1 }, limit: 1 })).rejects.toThrow(/bad field/)
    await expect(s.update('audit', 'a', { set: { 'a;b': 1 } })).resolves.toBe(false)
    await s.create('audit', { _id: 'a' })
    await expect(s.update('audit', 'a', { set: { 'a;b': 1 } })).rejects.toThrow(/bad field/)
    await s.close()
  })
})
