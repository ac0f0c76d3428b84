import type { TransferPort } from '../payout/transferPort'
import { wechatPayConfigFromEnv, wechatTransferPort } from '../payout/wechatTransfer'

let port: TransferPort | null | undefined

/** WeChat Pay 商家转账 when its settings are in the function's environment (made once per container); else manual payouts. */
export function wechatPayFromEnv(): TransferPort | null {
  if (port === undefined) {
    const config = wechatPayConfigFromEnv(process.env)
    port = config ? wechatTransferPort(config) : null
  }
  return port
}
