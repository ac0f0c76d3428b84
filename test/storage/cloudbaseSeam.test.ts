import cloudbase from '@cloudbase/node-sdk'
import { Db } from '@cloudbase/database'
import { EJSON } from 'bson'
import { CloudBaseStorage } from '../../server/storage/cloudbaseStorage'

/**
 * Without credentials the CloudBase adapter is still tested where it meets the SDK: the SDK's own request
 * class (`Db.reqClass`, which normally signs and posts to CloudBase) is replaced by a recorder, so the real
 * query builder, serializer and transaction code run and we assert the requests they produce. The replies
 * are canned: this proves what we ask CloudBase, not how CloudBase answers (that is the contract run).
 */
interface Call {
  api: string
  data: Record<string, unknown>
}
let calls: Call[] = []
let reply: (api: string, data: Record<string, unknown>) => unknown = () => ({ data: {} })

class RecordingRequester {
  constructor(_config: unknown) {}
  async send(api: string, data: Record<string, unknown> = {}) {
    calls.push({ api, data })
    return reply(api, data)
  }
}

const app = cloudbase.init({ env: 'seam-test-env', secretId: 'unused', secretKey: 'unused' })
const db = app.database()
;(Db as unknown as { reqClass: unknown }).reqClass = RecordingRequester
const storage = new CloudBaseStorage(db)

const parse = (text: unknown) => EJSON.parse(String(text), { relaxed: true }) as unknown
const docList = (...docs: object[]) => ({ data: { list: docs.map((d) => EJSON.stringify(d, { relaxed: false })) }, requestId: 'r' })

beforeEach(() => {
  calls = []
  reply = () => ({ data: {} })
})

describe('CloudBase adapter drives the SDK correctly', () => {
  test('get by id', async () => {
    reply = () => docList({ _id: 'm1', n: 3, name: '张三' })
    expect(await storage.get('members', 'm1')).toEqual({ _id: 'm1', n: 3, name: '张三' })
    expect(calls).toHaveLength(1)
    expect(calls[0]!.api).toBe('database.getDocument')
    expect(calls[0]!.data).toMatchObject({ collectionName: 'members', queryType: 'DOC' })
    expect(parse(calls[0]!.data.query)).toEqual({ _id: 'm1' })
  })

  test('get of a missing document is null', async () => {
    reply = () => docList()
    expect(await storage.get('members', 'none')).toBeNull()
  })

  test('create sends our _id; E11000 (returned or thrown) is "exists"', async () => {
    reply = () => ({ data: { insertedIds: ['div:s:2026Q3:m1'] }, requestId: 'r' })
    expect(await storage.create('ledger', { _id: 'div:s:2026Q3:m1', amountFen: 500 })).toBe('created')
    expect(calls[0]!.api).toBe('database.insertDocument')
    expect((calls[0]!.data.data as string[]).map(parse)).toEqual([{ _id: 'div:s:2026Q3:m1', amountFen: 500 }])
    reply = () => ({ code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key error collection: ledger' })
    expect(await storage.create('ledger', { _id: 'div:s:2026Q3:m1', amountFen: 500 })).toBe('exists')
    reply = () => {
      throw { code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key' }
    }
    expect(await storage.create('ledger', { _id: 'x' })).toBe('exists')
  })

  test('other errors surface as CloudBaseError', async () => {
    reply = () => ({ code: 'DATABASE_PERMISSION_DENIED', message: 'no' })
    await expect(storage.create('ledger', { _id: 'x' })).rejects.toThrow(/DATABASE_PERMISSION_DENIED/)
    await expect(storage.get('ledger', 'x')).rejects.toThrow(/DATABASE_PERMISSION_DENIED/)
  })

  test('a conditional update is one modifyDocument with the id and the condition in its query', async () => {
    reply = () => ({ data: { updated: 1 } })
    const applied = await storage.update(
      'accounts',
      'acc1',
      { inc: { availableFen: -1230 }, set: { status: 'claimed', 'profile.nick': { text: '张' } }, unset: ['pending'] },
      { availableFen: { gte: 1230 }, status: { in: ['open', null] } },
    )
    expect(applied).toBe(true)
    expect(calls).toHaveLength(1)
    expect(calls[0]!.api).toBe('database.modifyDocument')
    expect(calls[0]!.data).toMatchObject({ collectionName: 'accounts', queryType: 'WHERE', upsert: false })
    expect(parse(calls[0]!.data.query)).toEqual({ availableFen: { $gte: 1230 }, status: { $in: ['open', null] }, _id: { $eq: 'acc1' } })
    // An object value is replaced whole ($set), never merged field by field.
    expect(parse(calls[0]!.data.data)).toEqual({
      $set: { status: 'claimed', 'profile.nick': { text: '张' } },
      $inc: { availableFen: -1230 },
      $unset: { pending: '' },
    })
    reply = () => ({ data: { updated: 0 } })
    expect(await storage.update('accounts', 'acc1', { inc: { availableFen: -1 } }, { availableFen: { gte: 1 } })).toBe(false)
  })

  test('a query pages with a cursor filter, _id as the last sort key, and one extra document to see the next page', async () => {
    reply = () => docList({ _id: 'e3', createdAtMs: 9 }, { _id: 'e4', createdAtMs: 8 }, { _id: 'e5', createdAtMs: 8 })
    const page = await storage.query('ledger', {
      where: { scopeId: 'sc1', amountFen: { gt: 1, lt: 5 } },
      orderBy: [['createdAtMs', 'desc']],
      limit: 2,
    })
    expect(page.docs.map((d) => d._id)).toEqual(['e3', 'e4'])
    expect(page.next).not.toBeNull()
    expect(calls[0]!.data.limit).toBe(3)
    expect(parse(calls[0]!.data.order)).toEqual({ createdAtMs: -1, _id: 1 })
    expect(parse(calls[0]!.data.query)).toEqual({ scopeId: { $eq: 'sc1' }, $and: [{ amountFen: { $gt: 1 } }, { amountFen: { $lt: 5 } }] })

    calls = []
    reply = () => docList({ _id: 'e5', createdAtMs: 8 })
    const second = await storage.query('ledger', { where: { scopeId: 'sc1' }, orderBy: [['createdAtMs', 'desc']], limit: 2, after: page.next! })
    expect(second.next).toBeNull()
    expect(parse(calls[0]!.data.query)).toEqual({
      $and: [
        { scopeId: { $eq: 'sc1' } },
        { $or: [{ createdAtMs: { $lt: 8 } }, { createdAtMs: { $eq: 8 }, _id: { $gt: 'e4' } }] },
      ],
    })
  })

  test('a page asks for at most 1000 documents', async () => {
    reply = () => docList()
    await storage.query('ledger', { where: {}, limit: 50_000 })
    expect(calls[0]!.data.limit).toBe(1000)
  })

  test('count', async () => {
    reply = () => ({ data: { total: 42 } })
    expect(await storage.count('withdrawals', { status: 'pending' })).toBe(42)
    expect(calls[0]!.api).toBe('database.calculateDocument')
    expect(parse(calls[0]!.data.query)).toEqual({ status: { $eq: 'pending' } })
  })

  test('a transaction addresses documents by id, writes by set, and commits', async () => {
    reply = (api, data) => {
      if (api === 'database.startTransaction') return { transactionId: 'tx-1' }
      if (api === 'database.getDocument') return String(data.query).includes('acc1') ? docList({ _id: 'acc1', availableFen: 100 }) : docList()
      if (api === 'database.modifyDocument') return { data: { updated: 1, upsert_id: null } }
      return {}
    }
    const result = await storage.transaction(async (tx) => {
      await tx.update('accounts', 'acc1', { inc: { availableFen: 50 } })
      return tx.create('ledger', { _id: 'div:1', amountFen: 50 })
    })
    expect(result).toBe('created')
    expect(calls.map((c) => c.api)).toEqual([
      'database.startTransaction',
      'database.getDocument',
      'database.modifyDocument',
      'database.getDocument',
      'database.modifyDocument',
      'database.commitTransaction',
    ])
    for (const c of calls.slice(1, 5)) expect(c.data.transactionId).toBe('tx-1')
    // Every operation inside addresses one document: a DOC query on _id, never a WHERE.
    for (const c of calls.slice(1, 5)) expect(c.data.queryType).toBe('DOC')
    expect(parse(calls[2]!.data.data)).toEqual({ availableFen: 150 })
    expect(parse(calls[2]!.data.query)).toEqual({ _id: 'acc1' })
    expect(parse(calls[4]!.data.data)).toEqual({ amountFen: 50 })
    expect(calls[5]!.data).toEqual({ transactionId: 'tx-1' })
  })

  test('a throw inside a transaction rolls it back and is not retried', async () => {
    reply = (api) => (api === 'database.startTransaction' ? { transactionId: 'tx-2' } : {})
    await expect(
      storage.transaction(async () => {
        throw new Error('business rule')
      }),
    ).rejects.toThrow('business rule')
    expect(calls.map((c) => c.api)).toEqual(['database.startTransaction', 'database.abortTransaction'])
  })

  test('a conflict is retried with a fresh transaction', async () => {
    let commits = 0
    reply = (api) => {
      if (api === 'database.startTransaction') return { transactionId: `tx-${calls.length}` }
      if (api === 'database.commitTransaction') {
        commits++
        return commits === 1 ? { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'conflict' } : {}
      }
      return {}
    }
    let runs = 0
    expect(await storage.transaction(async () => ++runs)).toBe(2)
    expect(calls.filter((c) => c.api === 'database.startTransaction')).toHaveLength(2)
  })
})
