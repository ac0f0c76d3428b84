import { FUNCTIONS } from '../../server/functions'
import { cloudbaseHandler } from '../../server/platform/cloudbase'
import { wechatPayFromEnv } from '../../server/platform/wechatPayFromEnv'

export const main = cloudbaseHandler(FUNCTIONS.wallet, { transfers: wechatPayFromEnv })
