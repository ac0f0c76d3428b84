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
