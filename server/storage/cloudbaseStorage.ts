import { applyUpdate } from './applyUpdate'
import type { CollectionName } from './collections'
import { cursorAfter, decodeCursor, sortKeys, type SortKey } from './cursor'
import {
  MAX_PAGE,
  NotFoundInTransaction,
  type Comparison,
  type CreateResult,
  type Doc,
  type Page,
  type QuerySpec,
  type Scalar,
  type Storage,
  type Transaction,
  type UpdateSpec,
  type Where,
} from './types'
import { assertField, comparisons, whereEntries } from './where'

/*
 * The CloudBase adapter over @cloudbase/node-sdk's database (`app.database()`). Its types are `any` in the
 * SDK, so the few shapes used are described here and everything the SDK returns is checked.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
type SdkDb = any
type SdkCommand = any

interface SdkResult {
  code?: string
  message?: string
  data?: any
  updated?: number
  deleted?: number
  total?: number
}

export class CloudBaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`)
  }
}

/** A duplicate `_id` comes back as a MongoDB E11000 error, as a result code or thrown. */
function isDuplicate(err: unknown): boolean {
  const text = typeof err === 'object' && err !== null ? `${(err as SdkResult).code ?? ''} ${(err as SdkResult).message ?? ''}` : String(err)
  return /E11000|duplicate key/i.test(text)
}

function check<T extends SdkResult>(res: T): T {
  if (res && typeof res.code === 'string' && res.code) throw new CloudBaseError(res.code, res.message ?? '')
  return res
}

/** CloudBase reads at most this many documents per request, and transactions retry on conflict. */
const TRANSACTION_ATTEMPTS = 5

export interface CloudBaseStorageOptions {
  /** Prefixed to every collection name: lets the contract tests run in an environment beside real data. */
  readonly collectionPrefix?: string
}

export class CloudBaseStorage implements Storage {
  readonly kind = 'cloudbase' as const
  private readonly _: SdkCommand
  private readonly prefix: string

  constructor(
    private readonly sdkDb: SdkDb,
    options: CloudBaseStorageOptions = {},
  ) {
    this._ = sdkDb.command
    this.prefix = options.collectionPrefix ?? ''
  }

  /** The SDK's database with our collection names (prefixed when configured). */
  private readonly db = {
    collection: (name: CollectionName) => this.sdkDb.collection(this.prefix + name),
    runTransaction: (cb: (t: SdkDb) => Promise<unknown>, times: number) =>
      this.sdkDb.runTransaction((t: SdkDb) => cb({ collection: (name: CollectionName) => t.collection(this.prefix + name) }), times),
  }

  async get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null> {
    const res = check(await this.db.collection(collection).doc(id).get())
    const list = (res.data ?? []) as T[]
    return list[0] ?? null
  }

  async getMany<T extends Doc>(collection: CollectionName, ids: readonly string[]): Promise<T[]> {
    const out: T[] = []
    for (let i = 0; i < ids.length; i += MAX_PAGE) {
      const chunk = ids.slice(i, i + MAX_PAGE)
      const res = check(await this.db.collection(collection).where({ _id: this._.in(chunk) }).limit(MAX_PAGE).get())
      out.push(...((res.data ?? []) as T[]))
    }
    return out
  }

  async create<T extends Doc>(collection: CollectionName, doc: T): Promise<CreateResult> {
    try {
      const res = await this.db.collection(collection).add({ ...doc })
      if (res && res.code) {
        if (isDuplicate(res)) return 'exists'
        check(res)
      }
      return 'created'
    } catch (err) {
      if (isDuplicate(err)) return 'exists'
      throw err
    }
  }

  async update(collection: CollectionName, id: string, spec: UpdateSpec, where: Where = {}): Promise<boolean> {
    const res = check(
      await this.db
        .collection(collection)
        .where(this.where({ ...where, _id: id }))
        .update(this.updateData(spec)),
    )
    return (res.updated ?? 0) > 0
  }

  async remove(collection: CollectionName, id: string): Promise<boolean> {
    const res = check(await this.db.collection(collection).doc(id).remove())
    return (res.deleted ?? 0) > 0
  }

  async query<T extends Doc>(collection: CollectionName, spec: QuerySpec): Promise<Page<T>> {
    const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(spec.limit)))
    const order = sortKeys(spec)
    let filter: SdkCommand = this.where(spec.where)
    if (spec.after) filter = this._.and([filter, this.cursorFilter(order, decodeCursor(spec.after, order))])
    let q = this.db.collection(collection).where(filter)
    for (const [field, dir] of order) q = q.orderBy(field, dir)
    // One more than asked tells whether another page follows, within the 1000-document cap.
    const fetch = Math.min(MAX_PAGE, limit + 1)
    const res = check(await q.limit(fetch).get())
    const rows = (res.data ?? []) as T[]
    const docs = rows.slice(0, limit)
    const last = docs[docs.length - 1]
    const more = rows.length > limit || (fetch === limit && rows.length === limit)
    return { docs, next: more && last ? cursorAfter(last, order) : null }
  }

  async count(collection: CollectionName, where: Where): Promise<number> {
    const res = check(await this.db.collection(collection).where(this.where(where)).count())
    return res.total ?? 0
  }

  async transaction<R>(fn: (tx: Transaction) => Promise<R>): Promise<R> {
    // runTransaction retries the callback on DATABASE_TRANSACTION_CONFLICT and rolls back on any other throw.
    return this.db.runTransaction(async (t: SdkDb) => fn(this.txApi(t)), TRANSACTION_ATTEMPTS) as Promise<R>
  }

  /**
   * Inside a transaction every operation addresses one document by id (CloudBase allows nothing else), and
   * updates are read-modify-write with `set`, exactly as the SQLite adapter does them.
   */
  private txApi(t: SdkDb): Transaction {
    const getDoc = async <T extends Doc>(collection: CollectionName, id: string): Promise<T | null> => {
      const res = check(await t.collection(collection).doc(id).get())
      return (res.data ?? null) as T | null
    }
    const setDoc = async <T extends Doc>(collection: CollectionName, doc: T) => {
      const { _id, ...body } = doc
      check(await t.collection(collection).doc(_id).set(body))
    }
    return {
      get: getDoc,
      create: async (collection, doc) => {
        if (await getDoc(collection, doc._id)) return 'exists'
        await setDoc(collection, doc)
        return 'created'
      },
      set: setDoc,
      update: async (collection, id, spec) => {
        const current = await getDoc(collection, id)
        if (!current) throw new NotFoundInTransaction(collection, id)
        await setDoc(collection, applyUpdate(current, spec))
      },
      remove: async (collection, id) => {
        check(await t.collection(collection).doc(id).remove())
      },
    }
  }

  /** Our Where as an SDK filter. Several comparisons on one field combine with `and`. */
  private where(where: Where): SdkCommand {
    const out: Record<string, unknown> = {}
    for (const [field, value] of whereEntries(where)) {
      const parts = comparisons(value).map(([op, operand]) => this.comparison(op, operand))
      out[field] = parts.length === 1 ? parts[0] : this._.and(parts)
    }
    return out
  }

  private comparison(op: keyof Comparison, operand: Comparison[keyof Comparison]): SdkCommand {
    switch (op) {
      case 'eq':
        return this._.eq(operand)
      case 'ne':
        return this._.neq(operand)
      case 'in':
        return this._.in([...(operand as readonly Scalar[])])
      default:
        return this._[op](operand)
    }
  }

  private updateData(spec: UpdateSpec): Record<string, unknown> {
    const data: Record<string, unknown> = {}
    // `_.set` replaces an object value; a plain object would be merged field by field.
    for (const [field, value] of Object.entries(spec.set ?? {})) data[checkedField(field)] = this._.set(value)
    for (const [field, delta] of Object.entries(spec.inc ?? {})) data[checkedField(field)] = this._.inc(delta)
    for (const field of spec.unset ?? []) data[checkedField(field)] = this._.remove()
    return data
  }

  private cursorFilter(order: readonly SortKey[], values: Scalar[]): SdkCommand {
    return this._.or(
      order.map(([field, dir], i) => {
        const clause: Record<string, unknown> = {}
        order.slice(0, i).forEach(([f], j) => (clause[f] = this._.eq(values[j])))
        clause[field] = dir === 'desc' ? this._.lt(values[i]) : this._.gt(values[i])
        return clause
      }),
    )
  }

  async close(): Promise<void> {}
}

function checkedField(field: string): string {
  assertField(field)
  if (field === '_id') throw new RangeError('_id cannot be updated')
  return field
}
