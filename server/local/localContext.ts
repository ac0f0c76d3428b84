import { randomBytes } from 'node:crypto'
import { nodeCrypto } from '../nodeCrypto'
import type { ServiceContext } from '../runtime/context'
import type { Storage } from '../storage/types'
import { clockOffsetMs } from './devClock'

/** The demo owner may create stores locally (SPEC §1: local mode's BOOTSTRAP_OPENIDS). */
export const DEMO_OWNER = 'demo_owner'
/** The demo chain's HQ admin (总部): opens the demo branches. */
export const DEMO_HQ = 'demo_hq'

export async function localContext(storage: Storage, openid: string | null, atMs?: number): Promise<ServiceContext> {
  return {
    storage,
    crypto: nodeCrypto,
    caller: { openid },
    config: { mode: 'local', bootstrapOpenids: (process.env.BOOTSTRAP_OPENIDS ?? `${DEMO_OWNER},${DEMO_HQ}`).split(',').map((s) => s.trim()) },
    nowMs: atMs ?? Date.now() + (await clockOffsetMs(storage)),
    requestId: `l${randomBytes(6).toString('hex')}`,
  }
}
