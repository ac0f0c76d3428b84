import tcb from '@cloudbase/node-sdk'
import { nodeCrypto } from '../nodeCrypto'
import type { ActionMap } from '../runtime/action'
import type { ServiceContext } from '../runtime/context'
import { dispatch } from '../runtime/dispatch'
import { CloudBaseStorage } from '../storage/cloudbaseStorage'

/** One SDK app and storage per warm container. */
let shared: { app: ReturnType<typeof tcb.init>; storage: CloudBaseStorage } | null = null

export function cloudbaseApp() {
  if (!shared) {
    const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV })
    shared = { app, storage: new CloudBaseStorage(app.database()) }
  }
  return shared
}

export function bootstrapOpenids(): string[] {
  return (process.env.BOOTSTRAP_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** The platform's word on who is calling: the WeChat openid from the context, never from the event. */
export function contextFor(context: unknown, openid: string | null): ServiceContext {
  const { storage } = cloudbaseApp()
  const requestId = (context as { request_id?: string } | undefined)?.request_id ?? `r${Date.now().toString(36)}`
  return {
    storage,
    crypto: nodeCrypto,
    caller: { openid },
    config: { mode: 'cloudbase', bootstrapOpenids: bootstrapOpenids() },
    nowMs: Date.now(),
    requestId,
  }
}

/** A cloud function's `main`: identity from getCloudbaseContext, then the shared dispatch. */
export function cloudbaseHandler(actions: ActionMap) {
  return async (event: unknown, context: unknown) => {
    const { WX_OPENID } = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0])
    return dispatch(actions, event, contextFor(context, WX_OPENID || null))
  }
}
