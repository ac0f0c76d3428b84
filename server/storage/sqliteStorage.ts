import { AsyncLocalStorage } from 'node:async_hooks'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { applyUpdate, readParts } from './applyUpdate'
import { AsyncMutex } from './asyncMutex'
import { cursorAfter, decodeCursor, sortKeys, type SortKey } from './cursor'
import { COLLECTION_NAMES, COLLECTIONS, type CollectionName } from './collections'
import {
  MAX_PAGE,
  NotFoundInTransaction,
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
import { assertField, comparisons, isField, whereEntries } from './where'

interface QueuedWrite {
  readonly work: () => unknown
  readonly resolve: (value: unknown) => void
  readonly reject: (error: unknown) => void
}

/** How long a write waits for another process's write lock before failing. */
const BUSY_TIMEOUT_MS = 15_000

/** At most this many writes share one commit, so one group cannot hold the lock for long. */
const MAX_GROUP = 64

export interface SqliteStorageOptions {
  /** A file path, or ':memory:'. */
  readonly file: string
  /**
   * Test aid: run every transaction callback once, roll it back, then run it again and commit — as
   * CloudBase may on a conflict — so a callback with an outside side effect shows up in tests.
   */
  readonly rehearseTransactions?: boolean
  /**
   * Refuse (instead of deadlocking on) a call to the storage from inside its own transaction's callback.
   * The check needs AsyncLocalStorage, whose promise hooks tax every promise of the process (a few per cent
   * of a capture or a settlement), so it is a development aid: on under tests (NODE_ENV=test), where every
   * code path runs, and off in the host and benchmarks unless asked for.
   */
  readonly guardReentry?: boolean
}

type Bound = string | number | null

interface FixedStatements {
  readonly get: Database.Statement
  readonly create: Database.Statement
  readonly set: Database.Statement
  readonly replaceDoc: Database.Statement
  readonly remove: Database.Statement
}

/**
 * The embedded adapter: one table per collection holding JSON documents (and, beside them, the fields
 * collections.ts indexes, in indexed columns), WAL so several local host processes can share one file. better-sqlite3 is synchronous,
 * so every operation runs under an async mutex: an open transaction (whose callback awaits between its
 * steps) never interleaves with another request's statements in this process; other processes wait on
 * SQLite's own lock (busy timeout).
 */
export class SqliteStorage implements Storage {
  readonly kind = 'sqlite' as const
  private readonly db: Database.Database
  private readonly mutex = new AsyncMutex()
  private readonly txContext: AsyncLocalStorage<true> | null
  private readonly rehearse: boolean
  private readonly statements = new Map<string, Database.Statement>()

  constructor(options: SqliteStorageOptions) {
    if (options.file !== ':memory:') mkdirSync(path.dirname(options.file), { recursive: true })
    this.db = new Database(options.file)
    this.db.pragma('journal_mode = WAL')
    this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    this.db.pragma('synchronous = NORMAL')
    // Checkpoint the WAL every ~40 MB instead of every 4 MB: each checkpoint syncs the database file, and
    // on this workload that was a quarter of a capture's time. Durability is unchanged (WAL + NORMAL).
    this.db.pragma('wal_autocheckpoint = 10000')
    this.rehearse = options.rehearseTransactions ?? false
    this.txContext = (options.guardReentry ?? process.env.NODE_ENV === 'test') ? new AsyncLocalStorage<true>() : null
    this.createSchema()
  }

  /**
   * Tables and indexes as collections.ts declares them. Every field an index uses is kept in its own column
   * next to the document (see `column`), and the indexes are on those columns. An index that is no longer
   * declared, or declared differently, is dropped: every insert pays for every index, so a stale one is
   * pure cost. A column no index uses any more is dropped too (it would no longer be kept up to date), and a
   * new one is filled from the documents.
   */
  private createSchema(): void {
    const wanted = new Map<string, string>()
    for (const name of COLLECTION_NAMES) {
      COLLECTIONS[name].forEach((fields, i) => {
        const columns = fields.map((f) => (f === '_id' ? '_id' : column(f))).join(', ')
        wanted.set(`ix_${name}_${i}`, `CREATE INDEX "ix_${name}_${i}" ON ${table(name)} (${columns})`)
      })
    }
    const create = this.db.transaction(() => {
      const existing = this.db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name LIKE 'ix\\_%' ESCAPE '\\'`).all() as { name: string; sql: string }[]
      for (const ix of existing) {
        if (wanted.get(ix.name) !== ix.sql) this.db.exec(`DROP INDEX "${ix.name}"`)
      }
      for (const name of COLLECTION_NAMES) {
        const fields = indexedFields(name)
        this.db.exec(`CREATE TABLE IF NOT EXISTS ${table(name)} (_id TEXT PRIMARY KEY, doc TEXT NOT NULL${fields.map((f) => `, ${column(f)}`).join('')}) WITHOUT ROWID`)
        const present = (this.db.prepare(`SELECT name FROM pragma_table_info('c_${name}')`).pluck().all() as string[]).filter((c) => c.startsWith('f_'))
        const wantedColumns = new Map(fields.map((f) => [columnName(f), f]))
        for (const c of present) if (!wantedColumns.has(c)) this.db.exec(`ALTER TABLE ${table(name)} DROP COLUMN "${c}"`)
        const added = [...wantedColumns].filter(([c]) => !present.includes(c))
        for (const [c] of added) this.db.exec(`ALTER TABLE ${table(name)} ADD COLUMN "${c}"`)
        if (added.length) this.db.exec(`UPDATE ${table(name)} SET ${added.map(([c, f]) => `"${c}" = json_extract(doc, '$.${f}')`).join(', ')}`)
      }
      for (const sql of wanted.values()) this.db.exec(sql.replace('CREATE INDEX', 'CREATE INDEX IF NOT EXISTS'))
    })
    create.immediate()
  }

  private insideTransaction(): boolean {
    return this.txContext?.getStore() === true
  }

  private inTransaction<R>(fn: (tx: Transaction) => Promise<R>): Promise<R> {
    return this.txContext ? this.txContext.run(true, () => fn(this.txApi)) : fn(this.txApi)
  }

  /** The statements every collection uses by id, prepared once (hot paths run them millions of times). */
  private fixed(collection: CollectionName): FixedStatements {
    let f = this.fixedStatements.get(collection)
    if (!f) {
      const t = table(collection)
      const cols = indexedFields(collection).map(column)
      const names = ['_id', 'doc', ...cols].join(', ')
      const marks = ['?', '?', ...cols.map(() => '?')].join(', ')
      f = {
        get: this.db.prepare(`SELECT doc FROM ${t} WHERE _id = ?`),
        create: this.db.prepare(`INSERT INTO ${t} (${names}) VALUES (${marks}) ON CONFLICT(_id) DO NOTHING`),
        set: this.db.prepare(`INSERT INTO ${t} (${names}) VALUES (${marks}) ON CONFLICT(_id) DO UPDATE SET ${['doc', ...cols].map((c) => `${c} = excluded.${c}`).join(', ')}`),
        // Only the document, where its indexed fields keep their values: SQLite then leaves every index alone
        // (an UPDATE rewrites the entries of each index whose columns it sets, changed or not).
        replaceDoc: this.db.prepare(`UPDATE ${t} SET doc = ? WHERE _id = ?${cols.map((c) => ` AND ${c} IS ?`).join('')}`),
        remove: this.db.prepare(`DELETE FROM ${t} WHERE _id = ?`),
      }
      this.fixedStatements.set(collection, f)
    }
    return f
  }

  /**
   * Writes a whole document (insert or replace). A new one is one INSERT; when the row exists with the same
   * indexed values — a status change, a balance, a total — only the document is rewritten; otherwise the
   * row and its index entries.
   */
  private putSync(collection: CollectionName, doc: Doc): void {
    assertId(doc._id)
    const f = this.fixed(collection)
    const json = JSON.stringify(doc)
    const values = columnValues(collection, doc)
    if (f.create.run(doc._id, json, ...values).changes === 1) return
    if (values.length > 0 && f.replaceDoc.run(json, doc._id, ...values).changes === 1) return
    f.set.run(doc._id, json, ...values)
  }

  private readonly fixedStatements = new Map<CollectionName, FixedStatements>()

  private statement(sql: string): Database.Statement {
    let s = this.statements.get(sql)
    if (!s) {
      s = this.db.prepare(sql)
      this.statements.set(sql, s)
    }
    return s
  }

  /** Outside a transaction's callback, run under the mutex; inside it, refuse (it would wait for itself). */
  private op<T>(work: () => T): Promise<T> {
    if (this.insideTransaction()) {
      return Promise.reject(new Error('storage called inside its own transaction: use the transaction object'))
    }
    return this.mutex.run(work)
  }

  get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null> {
    return this.op(() => this.getSync<T>(collection, id))
  }

  private getSync<T extends Doc>(collection: CollectionName, id: string): T | null {
    const row = this.fixed(collection).get.get(id) as { doc: string } | undefined
    return row ? (JSON.parse(row.doc) as T) : null
  }

  getMany<T extends Doc>(collection: CollectionName, ids: readonly string[]): Promise<T[]> {
    return this.op(() => {
      const out: T[] = []
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500)
        const rows = this.db
          .prepare(`SELECT doc FROM ${table(collection)} WHERE _id IN (${chunk.map(() => '?').join(',')})`)
          .all(...chunk) as { doc: string }[]
        for (const r of rows) out.push(JSON.parse(r.doc) as T)
      }
      return out
    })
  }

  create<T extends Doc>(collection: CollectionName, doc: T): Promise<CreateResult> {
    return this.write(() => this.createSync(collection, doc))
  }

  private createSync<T extends Doc>(collection: CollectionName, doc: T): CreateResult {
    assertId(doc._id)
    const info = this.fixed(collection).create.run(doc._id, JSON.stringify(doc), ...columnValues(collection, doc))
    return info.changes === 1 ? 'created' : 'exists'
  }

  update(collection: CollectionName, id: string, spec: UpdateSpec, where: Where = {}): Promise<boolean> {
    return this.write(() => {
      const { sql, params } = compileWhere(collection, where)
      // Read, check and write in one IMMEDIATE transaction: no other writer can slip in between.
      const apply = this.db.transaction(() => {
        const row = this.statement(`SELECT doc FROM ${table(collection)} WHERE _id = ? AND ${sql}`).get(id, ...params) as
          | { doc: string }
          | undefined
        if (!row) return false
        this.putSync(collection, applyUpdate(JSON.parse(row.doc) as Doc, spec, true))
        return true
      })
      return apply.immediate()
    })
  }

  remove(collection: CollectionName, id: string): Promise<boolean> {
    return this.write(() => this.fixed(collection).remove.run(id).changes === 1)
  }

  query<T extends Doc>(collection: CollectionName, spec: QuerySpec): Promise<Page<T>> {
    return this.op(() => {
      const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(spec.limit)))
      const order = sortKeys(spec)
      const { sql, params } = compileWhere(collection, spec.where)
      const clauses = [sql]
      const allParams: Bound[] = [...params]
      if (spec.after) {
        const after = cursorCondition(collection, order, decodeCursor(spec.after, order).map(bind))
        clauses.push(after.sql)
        allParams.push(...after.params)
      }
      const orderSql = order.map(([f, dir]) => `${fieldExpr(collection, f)} ${dir === 'desc' ? 'DESC' : 'ASC'}`).join(', ')
      const rows = this.statement(
        `SELECT doc FROM ${table(collection)} WHERE ${clauses.join(' AND ')} ORDER BY ${orderSql} LIMIT ${limit + 1}`,
      ).all(...allParams) as { doc: string }[]
      const docs = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as T)
      const last = docs[docs.length - 1]
      return { docs, next: rows.length > limit && last ? cursorAfter(last, order) : null }
    })
  }

  count(collection: CollectionName, where: Where): Promise<number> {
    return this.op(() => {
      const { sql, params } = compileWhere(collection, where)
      return (this.statement(`SELECT COUNT(*) AS n FROM ${table(collection)} WHERE ${sql}`).get(...params) as { n: number }).n
    })
  }

  transaction<R>(fn: (tx: Transaction) => Promise<R>): Promise<R> {
    if (this.insideTransaction()) return Promise.reject(new Error('nested transactions are not supported'))
    if (this.rehearse) {
      return this.mutex.run(async () => {
        await this.attempt(fn, false)
        return this.attempt(fn, true)
      })
    }
    return this.grouped(() => this.inTransaction(fn))
  }

  /** A single-document write outside a transaction: grouped with concurrent writes into one commit. */
  private write<T>(work: () => T): Promise<T> {
    if (this.insideTransaction()) {
      return Promise.reject(new Error('storage called inside its own transaction: use the transaction object'))
    }
    return this.rehearse ? this.mutex.run(work) : this.grouped(work)
  }

  /**
   * Group commit. Writes that arrive while a commit is being prepared join it: each runs under its own
   * savepoint (its failure rolls back only its own changes), and all of them are answered after the one
   * COMMIT that makes them durable together. A commit's fixed cost (the WAL write) is then paid once per
   * group instead of once per request; each write keeps its own atomicity and sees the ones before it.
   */
  private grouped<T>(work: () => Promise<T> | T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject })
      if (!this.draining) void this.drain()
    })
  }

  private readonly queue: QueuedWrite[] = []
  private draining = false

  private async drain(): Promise<void> {
    this.draining = true
    try {
      while (this.queue.length > 0) await this.mutex.run(() => this.commitGroup())
    } finally {
      this.draining = false
    }
  }

  /**
   * Takes the write lock without blocking the event loop: SQLite's own busy handler sleeps inside the call
   * while another process writes, freezing every request of this one; here the wait yields instead, so
   * the process keeps accepting requests (which then join the group).
   */
  private async beginImmediate(): Promise<void> {
    const deadline = Date.now() + BUSY_TIMEOUT_MS
    for (let attempt = 0; ; attempt++) {
      this.db.pragma('busy_timeout = 0')
      try {
        this.db.exec('BEGIN IMMEDIATE')
        return
      } catch (err) {
        if ((err as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw err
      } finally {
        this.db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(attempt, 4)))
    }
  }

  private async commitGroup(): Promise<void> {
    const done: { item: QueuedWrite; ok: boolean; value: unknown }[] = []
    const failAll = (err: unknown, also: QueuedWrite[] = []) => {
      for (const d of done) d.item.reject(err)
      for (const item of also) item.reject(err)
    }
    try {
      await this.beginImmediate()
    } catch (err) {
      failAll(err, this.queue.splice(0, MAX_GROUP))
      return
    }
    while (this.queue.length > 0 && done.length < MAX_GROUP) {
      const item = this.queue.shift() as QueuedWrite
      // The first write of a group needs no savepoint: if it fails, the whole (so far only its own)
      // transaction is rolled back. Savepoints cost sub-journal writes, noticeable on big transactions
      // such as a settlement batch, which usually commit alone.
      const first = done.length === 0
      if (!first) this.db.exec('SAVEPOINT grouped')
      try {
        const value = await item.work()
        if (!first) this.db.exec('RELEASE grouped')
        done.push({ item, ok: true, value })
      } catch (err) {
        if (!this.db.inTransaction) {
          // SQLite rolled the whole transaction back (e.g. disk full): nothing of this group is written.
          failAll(err, [item])
          return
        }
        if (first) {
          this.db.exec('ROLLBACK')
          item.reject(err)
          return
        }
        this.db.exec('ROLLBACK TO grouped')
        this.db.exec('RELEASE grouped')
        done.push({ item, ok: false, value: err })
      }
    }
    try {
      this.db.exec('COMMIT')
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      failAll(err)
      return
    }
    for (const d of done) (d.ok ? d.item.resolve : d.item.reject)(d.value)
  }

  private async attempt<R>(fn: (tx: Transaction) => Promise<R>, commit: boolean): Promise<R> {
    this.db.exec('BEGIN IMMEDIATE')
    try {
      const result = await this.inTransaction(fn)
      this.db.exec(commit ? 'COMMIT' : 'ROLLBACK')
      return result
    } catch (err) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
      throw err
    }
  }

  private readonly txApi: Transaction = {
    get: async <T extends Doc>(collection: CollectionName, id: string) => this.getSync<T>(collection, id),
    create: async <T extends Doc>(collection: CollectionName, doc: T) => this.createSync(collection, doc),
    set: async <T extends Doc>(collection: CollectionName, doc: T) => {
      this.putSync(collection, doc)
    },
    update: async (collection: CollectionName, id: string, spec: UpdateSpec) => {
      if (this.updateInSql(collection, id, spec)) return
      const current = this.getSync(collection, id)
      if (!current) throw new NotFoundInTransaction(collection, id)
      // `current` was just parsed for this update: nobody else holds it.
      this.putSync(collection, applyUpdate(current, spec, true))
    },
    remove: async (collection: CollectionName, id: string) => {
      this.fixed(collection).remove.run(id)
    },
  }

  /**
   * An update done by SQLite without reading the document into JS (json_set): whole-number increments and
   * set values, at any depth, e.g. a balance credit or a capture's period totals. One statement instead of
   * a read, a parse, a copy and a write — most of the cost of a settlement's account writes and of a
   * capture's member and store updates. It applies only where the result is certain to equal applyUpdate's:
   * no unset, no indexed field (its column would go stale), no field inside another, every incremented
   * field an integer or absent and every parent on the way an object or absent. Otherwise — or when the
   * document is missing — it returns false and the general path does the work or throws its precise error.
   */
  private updateInSql(collection: CollectionName, id: string, spec: UpdateSpec): boolean {
    if (spec.unset?.length) return false
    // Plain loops: a settlement runs this a million times.
    const params: Bound[] = []
    let key = `${collection}|`
    for (const f in spec.set) {
      const v = spec.set[f]
      if (v === undefined) return false
      key += `${f},`
      params.push(JSON.stringify(v))
    }
    key += '|'
    for (const f in spec.inc) {
      const d = spec.inc[f] as number
      if (!Number.isSafeInteger(d)) return false
      key += `${f},`
      params.push(d)
    }
    let update = this.sqlUpdates.get(key)
    if (update === undefined) {
      update = this.prepareSqlUpdate(collection, Object.keys(spec.set ?? {}), Object.keys(spec.inc ?? {}))
      this.sqlUpdates.set(key, update)
    }
    params.push(id)
    return update !== null && update.run(...params).changes === 1
  }

  /** The json_set statement for these fields, or null when they do not qualify (decided once per shape). */
  private prepareSqlUpdate(collection: CollectionName, setFields: string[], incFields: string[]): Database.Statement | null {
    const fields = [...setFields, ...incFields]
    const indexed = indexedFields(collection)
    const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)
    if (fields.length === 0) return null
    for (const [i, f] of fields.entries()) {
      // A field path json_set can address as written (it creates missing parent objects).
      if (!isField(f) || f === '_id' || f.startsWith('_id.') || indexed.some((ix) => overlaps(f, ix))) return null
      if (fields.some((g, j) => j !== i && overlaps(f, g))) return null
    }
    const path = (f: string) => `'$.${f}'`
    const parents = [...new Set(fields.flatMap((f) => f.split('.').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('.'))))]
    const assignments = [
      ...setFields.map((f) => `${path(f)}, json(?)`),
      ...incFields.map((f) => `${path(f)}, COALESCE(json_extract(doc, ${path(f)}), 0) + CAST(? AS INTEGER)`),
    ]
    const checks = [
      ...incFields.map((f) => `COALESCE(json_type(doc, ${path(f)}), 'integer') = 'integer'`),
      ...parents.map((f) => `COALESCE(json_type(doc, ${path(f)}), 'object') = 'object'`),
    ]
    return this.db.prepare(`UPDATE ${table(collection)} SET doc = json_set(doc, ${assignments.join(', ')}) WHERE _id = ?${checks.map((c) => ` AND ${c}`).join('')}`)
  }

  /** Prepared json_set updates by collection and fields (building their SQL each time was measurable). */
  private readonly sqlUpdates = new Map<string, Database.Statement | null>()

  /**
   * Bulk load for seeding, imports and benchmarks (SQLite only, not part of the Storage interface): inserts
   * documents in one transaction, skipping ids that already exist. Returns how many were inserted.
   */
  insertMany<T extends Doc>(collection: CollectionName, docs: Iterable<T>): Promise<number> {
    return this.op(() => {
      const insert = this.fixed(collection).create
      const load = this.db.transaction(() => {
        let n = 0
        for (const doc of docs) {
          assertId(doc._id)
          n += insert.run(doc._id, JSON.stringify(doc), ...columnValues(collection, doc)).changes
        }
        return n
      })
      return load.immediate()
    })
  }

  async close(): Promise<void> {
    await this.mutex.run(() => this.db.close())
  }
}

function table(name: CollectionName): string {
  return `"c_${name}"`
}

/** The fields a collection's indexes use (besides _id), each kept in a column of its own. */
const INDEXED = new Map<CollectionName, string[]>(
  COLLECTION_NAMES.map((name) => [name, [...new Set(COLLECTIONS[name].flat())].filter((f) => f !== '_id')]),
)

function indexedFields(collection: CollectionName): string[] {
  return INDEXED.get(collection) as string[]
}

/** The column that keeps an indexed field: f_ + its path (dots as __). */
function columnName(field: string): string {
  assertField(field)
  return `f_${field.replace(/\./g, '__')}`
}

function column(field: string): string {
  return `"${columnName(field)}"`
}

/** Each indexed field as its path, split once (every write reads them). */
const INDEXED_PATHS = new Map<CollectionName, string[][]>(COLLECTION_NAMES.map((name) => [name, indexedFields(name).map((f) => f.split('.'))]))

/** A document's indexed values as their columns hold them: what json_extract would give (true → 1, absent → NULL). */
function columnValues(collection: CollectionName, doc: Doc): Bound[] {
  const paths = INDEXED_PATHS.get(collection) as string[][]
  const out: Bound[] = new Array(paths.length)
  for (let i = 0; i < paths.length; i++) {
    const v = readParts(doc, paths[i] as string[])
    if (v === undefined || v === null) out[i] = null
    else if (typeof v === 'boolean') out[i] = v ? 1 : 0
    else if (typeof v === 'number' || typeof v === 'string') out[i] = v
    else out[i] = JSON.stringify(v)
  }
  return out
}

function fieldExpr(collection: CollectionName, field: string): string {
  assertField(field)
  if (field === '_id') return '_id'
  return indexedFields(collection).includes(field) ? column(field) : `json_extract(doc, '$.${field}')`
}

function assertId(id: unknown): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) throw new RangeError(`bad document id: ${String(id)}`)
}

/** SQLite has no booleans: JSON true/false read back as 1/0, so bind them that way. */
function bind(value: Scalar): Bound {
  if (value === true) return 1
  if (value === false) return 0
  return value
}

function compileWhere(collection: CollectionName, where: Where): { sql: string; params: Bound[] } {
  const parts: string[] = []
  const params: Bound[] = []
  for (const [field, value] of whereEntries(where)) {
    const expr = fieldExpr(collection, field)
    for (const [op, operand] of comparisons(value)) {
      switch (op) {
        case 'eq':
          if (operand === null) parts.push(`${expr} IS NULL`)
          else {
            parts.push(`${expr} = ?`)
            params.push(bind(operand as Scalar))
          }
          break
        case 'ne':
          if (operand === null) parts.push(`${expr} IS NOT NULL`)
          else {
            parts.push(`(${expr} IS NULL OR ${expr} <> ?)`)
            params.push(bind(operand as Scalar))
          }
          break
        case 'in': {
          const list = operand as readonly Scalar[]
          const values = list.filter((v) => v !== null)
          const alternatives: string[] = []
          if (values.length) {
            alternatives.push(`${expr} IN (${values.map(() => '?').join(',')})`)
            params.push(...values.map(bind))
          }
          if (list.includes(null)) alternatives.push(`${expr} IS NULL`)
          parts.push(alternatives.length ? `(${alternatives.join(' OR ')})` : '0')
          break
        }
        default: {
          const sqlOp = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[op]
          parts.push(`${expr} ${sqlOp} ?`)
          params.push(bind(operand as Scalar))
        }
      }
    }
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params }
}

/** (k1, k2, …, _id) strictly after the cursor, honouring each key's direction. */
function cursorCondition(collection: CollectionName, order: readonly SortKey[], values: Bound[]): { sql: string; params: Bound[] } {
  const alternatives: string[] = []
  const params: Bound[] = []
  order.forEach(([field, dir], i) => {
    const eqs = order.slice(0, i).map(([f]) => `${fieldExpr(collection, f)} = ?`)
    alternatives.push(`(${[...eqs, `${fieldExpr(collection, field)} ${dir === 'desc' ? '<' : '>'} ?`].join(' AND ')})`)
    params.push(...values.slice(0, i + 1))
  })
  return { sql: `(${alternatives.join(' OR ')})`, params }
}
