import type { WxOpenApi } from '../platform/wxOpenApi'
import type { NoticeTemplates } from '../services/notices'
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
  /** wxacode and subscribe messages when WX_APPID / WX_APPSECRET are set; local mode has none. */
  readonly openApi?: WxOpenApi | null
  readonly noticeTemplates?: NoticeTemplates
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
