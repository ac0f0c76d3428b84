/**
 * The cloud functions and the actions each serves. Actions are grouped so that a person's usual path
 * touches few functions (cold starts are per function): members use `member`, `checkout` and `wallet`;
 * staff `checkout`; owners `admin`; the timer `settlement`.
 */
import { adminActions } from './services/admin'
import { chainActions } from './services/chains'
import { checkoutActions } from './services/checkout'
import { memberActions } from './services/memberActions'
import { subscribeNotices } from './services/notices'
import { posKeyActions } from './services/pos'
import { refund } from './services/refunds'
import { settlementActions } from './services/settlement'
import { storeActions } from './services/stores'
import { transferActions } from './services/transfers'
import { walletActions, withdrawalAdminActions } from './services/wallet'
import { whoAmI } from './services/whoami'

export const FUNCTIONS = {
  checkout: { ...checkoutActions, refund },
  member: { ...memberActions, whoAmI, subscribeNotices },
  wallet: walletActions,
  admin: { ...storeActions, ...adminActions, ...settlementActions, ...withdrawalAdminActions, ...transferActions, ...posKeyActions, ...chainActions },
} as const

export type FunctionName = keyof typeof FUNCTIONS

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name)
}
