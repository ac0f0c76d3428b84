/**
 * One storage interface for both adapters (embedded SQLite, CloudBase), shaped like a document database
 * because that is what production runs on: collections of JSON documents with an `_id` we choose,
 * single-document conditional writes, indexed queries with a cursor, and transactions over documents
 * addressed by id (no queries inside: CloudBase does not allow them).
 */
import type { CollectionName } from './collections'

export interface Doc {
  readonly _id: string
}

export type Scalar = string | number | boolean | null

/** A comparison on one field; several keys combine with AND. */
export interface Comparison {
  readonly eq?: Scalar
  readonly ne?: Scalar
  readonly gt?: number | string
  readonly gte?: number | string
  readonly lt?: number | string
  readonly lte?: number | string
  readonly in?: readonly Scalar[]
}

/** Field → a value (equality) or a comparison. Fields may be dotted paths (`weights.own`). All must hold. */
export type Where = Readonly<Record<string, Scalar | Comparison>>

/** A single-document update: set fields, add to numeric fields, remove fields. */
export interface UpdateSpec {
  readonly set?: Readonly<Record<string, unknown>>
  readonly inc?: Readonly<Record<string, number>>
  readonly unset?: readonly string[]
}

export type SortDirection = 'asc' | 'desc'

export interface QuerySpec {
  readonly where: Where
  /** Sort keys; `_id` is appended as the final tie-break so cursors are stable. */
  readonly orderBy?: readonly (readonly [field: string, direction: SortDirection])[]
  /** At most this many documents (adapters cap it at 1000, CloudBase's own limit per request). */
  readonly limit: number
  /** The cursor of the previous page. */
  readonly after?: string
}

export interface Page<T> {
  readonly docs: T[]
  /** Pass as `after` for the next page; null when this page is the last. */
  readonly next: string | null
}

export type CreateResult = 'created' | 'exists'

/** Operations inside a transaction: each addresses one document by id. */
export interface Transaction {
  get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null>
  /** Create, or 'exists' when a document with that id is already there (nothing is written then). */
  create<T extends Doc>(collection: CollectionName, doc: T): Promise<CreateResult>
  /** Replace or insert the whole document. */
  set<T extends Doc>(collection: CollectionName, doc: T): Promise<void>
  /** Update an existing document; throws NotFoundInTransaction when it is absent. */
  update(collection: CollectionName, id: string, spec: UpdateSpec): Promise<void>
  remove(collection: CollectionName, id: string): Promise<void>
}

export interface Storage {
  /** Which adapter this is, for logs and the contract suite. */
  readonly kind: 'sqlite' | 'cloudbase'
  get<T extends Doc>(collection: CollectionName, id: string): Promise<T | null>
  /** The documents that exist among `ids`, in no particular order. */
  getMany<T extends Doc>(collection: CollectionName, ids: readonly string[]): Promise<T[]>
  /** Create-if-absent: the basis of every idempotent write. A duplicate id is 'exists', never an error. */
  create<T extends Doc>(collection: CollectionName, doc: T): Promise<CreateResult>
  /**
   * Conditional single-document update: applies only when the document exists and `where` holds
   * (e.g. `{ status: 'open' }`, `{ availableFen: { gte: 500 } }`). Returns whether it applied.
   */
  update(collection: CollectionName, id: string, spec: UpdateSpec, where?: Where): Promise<boolean>
  remove(collection: CollectionName, id: string): Promise<boolean>
  query<T extends Doc>(collection: CollectionName, spec: QuerySpec): Promise<Page<T>>
  count(collection: CollectionName, where: Where): Promise<number>
  /**
   * Runs `fn` atomically over documents addressed by id. The callback may run more than once (conflict
   * retries), so it must not have side effects outside the transaction.
   */
  transaction<R>(fn: (tx: Transaction) => Promise<R>): Promise<R>
  close(): Promise<void>
}

export class NotFoundInTransaction extends Error {
  constructor(collection: string, id: string) {
    super(`no ${collection}/${id} to update inside the transaction`)
  }
}

/** The most documents one query page returns (CloudBase's server-side limit). */
export const MAX_PAGE = 1000
