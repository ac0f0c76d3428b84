import type { Envelope } from '../../types/envelope'
import type { ActionMap } from '../../server/runtime/action'
import type { ServiceContext } from '../../server/runtime/context'
import type { TransferPort } from '../../server/payout/transferPort'
import type { WxOpenApi } from '../../server/platform/wxOpenApi'
import { dispatch } from '../../server/runtime/dispatch'
import { auditInvariants } from '../../server/services/auditInvariants'
import { clearScopeCache } from '../../server/services/scopeCache'
import { COLLECTION_NAMES } from '../../server/storage/collections'
import { SqliteStorage } from '../../server/storage/sqliteStorage'
import type { Storage } from '../../server/storage/types'
import { nodeCrypto } from './nodeCrypto'

export const OWNER = 'o_owner_demo'

/**
 * A fresh in-memory store, a movable clock and a caller per call: the real dispatch, services and SQLite
 * adapter, with every transaction rehearsed (run twice) to catch callbacks with outside effects.
 */
export class Harness {
  readonly storage: Storage
  nowMs: number
  private requests = 0

  private readonly bootstrap: string[]
  /** WeChat Pay 商家转账 port, when a test configures one. */
  transfers: TransferPort | null = null
  /** wxacode and subscribe messages, when a test configures them. */
  openApi: WxOpenApi | null = null
  private readonly mode: 'local' | 'cloudbase'

  constructor(startIso = '2026-10-15T02:00:00Z', options: { rehearse?: boolean; wrap?: (s: Storage) => Storage; bootstrap?: string[]; cloudMode?: boolean } = {}) {
    this.mode = options.cloudMode ? 'cloudbase' : 'local'
    this.bootstrap = options.bootstrap ?? [OWNER]
    clearScopeCache()
    const base = new SqliteStorage({ file: ':memory:', rehearseTransactions: options.rehearse ?? true })
    this.storage = options.wrap ? options.wrap(base) : base
    this.nowMs = Date.parse(startIso)
  }

  context(openid: string | null): ServiceContext {
    return {
      storage: this.storage,
      crypto: nodeCrypto,
      caller: { openid },
      config: { mode: this.mode, bootstrapOpenids: this.bootstrap, transfers: this.transfers, openApi: this.openApi },
      nowMs: this.nowMs,
      requestId: `req${++this.requests}`,
    }
  }

  call<T = unknown>(actions: ActionMap, name: string, input: Record<string, unknown>, openid: string | null): Promise<Envelope<T>> {
    return dispatch(actions, { action: name, ...input }, this.context(openid)) as Promise<Envelope<T>>
  }

  /** The data of a call that must succeed. */
  async ok<T = unknown>(actions: ActionMap, name: string, input: Record<string, unknown>, openid: string | null): Promise<T> {
    const result = await this.call<T>(actions, name, input, openid)
    if (!result.ok) throw new Error(`${name} failed: ${result.code} ${result.issues?.join('; ') ?? ''}`)
    return result.data
  }

  advance(ms: number): void {
    this.nowMs += ms
  }

  /** Documents per collection: a test can prove a failed call wrote nothing. */
  async census(): Promise<Record<string, number>> {
    const out: Record<string, number> = {}
    for (const name of COLLECTION_NAMES) out[name] = await this.storage.count(name, {})
    return out
  }

  close(): Promise<void> {
    return this.storage.close()
  }

  /** The end of a service test: every invariant `npm run audit` checks must hold, then close. */
  async auditAndClose(): Promise<void> {
    expect((await auditInvariants(this.context(null))).breaches).toEqual([])
    await this.close()
  }
}
