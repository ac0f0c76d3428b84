import type { TransferPort } from '../payout/transferPort'
import type { CryptoPort } from '../../domain/crypto/port'
import type { Storage } from '../storage/types'

/** Who is calling, as the platform says (never from the event payload). */
export interface Caller {
  /** null for anonymous calls (e.g. an HTTP request without a WeChat identity). */
  readonly openid: string | null
}

export interface RuntimeConfig {
  /** 'local' enables the dev login and the dev clock; never in production builds. */
  readonly mode: 'local' | 'cloudbase'
  /** Openids allowed to call createStore (SPEC §1). */
  readonly bootstrapOpenids: readonly string[]
  /** WeChat Pay 商家转账 when configured; absent means payouts are manual (SPEC §7). */
  readonly transfers?: TransferPort | null
}

/** Everything an action needs, passed in: storage, time, crypto, the caller. */
export interface ServiceContext {
  readonly storage: Storage
  readonly crypto: CryptoPort
  readonly caller: Caller
  readonly config: RuntimeConfig
  /** The current instant (UTC ms), read once per request so a request sees one time. */
  readonly nowMs: number
  /** For logs and the audit trail. */
  readonly requestId: string
}
