import type { CollectionName } from './collections'
import type { CreateResult, Doc, Page, QuerySpec, Storage, Transaction, UpdateSpec, Where } from './types'

export interface OpCounts {
  reads: number
  writes: number
  /** Every database request: each get, query, count, create, update, remove, and each operation in a transaction. */
  ops: number
}

/**
 * Wraps a storage and counts what goes through it (cost figures for benchmarks, proof of zero writes in
 * tests), and can inject a fault: `failAtWrite = k` throws on the k-th write from now on (1-based),
 * inside or outside a transaction, to stop a job at an exact write point.
 */
export class CountingStorage implements Storage {
  readonly kind: Storage['kind']
  counts: OpCounts = { reads: 0, writes: 0, ops: 0 }
  private failAt: number | null = null

  constructor(private readonly inner: Storage) {
    this.kind = inner.kind
  }

  reset(): OpCounts {
    const before = this.counts
    this.counts = { reads: 0, writes: 0, ops: 0 }
    return before
  }

  failAtWrite(k: number | null): void {
    this.failAt = k === null ? null : this.counts.writes + k
  }

  private read(): void {
    this.counts.reads++
    this.counts.ops++
  }

  private write(): void {
    this.counts.writes++
    this.counts.ops++
    if (this.failAt !== null && this.counts.writes >= this.failAt) {
      this.failAt = null
      throw new InjectedFault(this.counts.writes)
    }
  }

  get<T extends Doc>(c: CollectionName, id: string): Promise<T | null> {
    this.read()
    return this.inner.get<T>(c, id)
  }
  getMany<T extends Doc>(c: CollectionName, ids: readonly string[]): Promise<T[]> {
    this.read()
    return this.inner.getMany<T>(c, ids)
  }
  async create<T extends Doc>(c: CollectionName, doc: T): Promise<CreateResult> {
    this.write()
    return this.inner.create(c, doc)
  }
  async update(c: CollectionName, id: string, spec: UpdateSpec, where?: Where): Promise<boolean> {
    this.write()
    return this.inner.update(c, id, spec, where)
  }
  async remove(c: CollectionName, id: string): Promise<boolean> {
    this.write()
    return this.inner.remove(c, id)
  }
  query<T extends Doc>(c: CollectionName, spec: QuerySpec): Promise<Page<T>> {
    this.read()
    return this.inner.query<T>(c, spec)
  }
  count(c: CollectionName, where: Where): Promise<number> {
    this.read()
    return this.inner.count(c, where)
  }
  transaction<R>(fn: (tx: Transaction) => Promise<R>): Promise<R> {
    return this.inner.transaction((tx) =>
      fn({
        get: (c, id) => (this.read(), tx.get(c, id)),
        create: async (c, doc) => (this.write(), tx.create(c, doc)),
        set: async (c, doc) => (this.write(), tx.set(c, doc)),
        update: async (c, id, spec) => (this.write(), tx.update(c, id, spec)),
        remove: async (c, id) => (this.write(), tx.remove(c, id)),
      }),
    )
  }
  close(): Promise<void> {
    return this.inner.close()
  }
}

export class InjectedFault extends Error {
  constructor(readonly atWrite: number) {
    super(`injected fault at write ${atWrite}`)
  }
}
