import tcb from '@cloudbase/node-sdk'
import { nodeCrypto } from '../nodeCrypto'
import { noticeTemplatesFromEnv } from '../services/notices'
import { wxOpenApi, wxOpenApiConfigFromEnv, type WxOpenApi } from './wxOpenApi'
import type { TransferPort } from '../payout/transferPort'
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

/**
 * What a function adds to the platform context. WeChat Pay's client (with axios) is a third of a bundle, so
 * only the functions that pay out (admin, wallet, the settlement timer) pass it; checkout, member and pos
 * start colder without it.
 */
export interface PlatformPorts {
  readonly transfers?: () => TransferPort | null
}

let openApiClient: WxOpenApi | null | undefined

/** wxacode and subscribe messages over HTTPS when WX_APPID and WX_APPSECRET are set. */
function openApi(): WxOpenApi | null {
  if (openApiClient === undefined) {
    const config = wxOpenApiConfigFromEnv(process.env)
    openApiClient = config ? wxOpenApi(config, fetch) : null
  }
  return openApiClient
}

export function bootstrapOpenids(): string[] {
  return (process.env.BOOTSTRAP_OPENIDS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** The platform's word on who is calling: the WeChat openid from the context, never from the event. */
export function contextFor(context: unknown, openid: string | null, ports: PlatformPorts = {}): ServiceContext {
  const { storage } = cloudbaseApp()
  const requestId = (context as { request_id?: string } | undefined)?.request_id ?? `r${Date.now().toString(36)}`
  return {
    storage,
    crypto: nodeCrypto,
    caller: { openid },
    config: { mode: 'cloudbase', bootstrapOpenids: bootstrapOpenids(), transfers: ports.transfers?.() ?? null, openApi: openApi(), noticeTemplates: noticeTemplatesFromEnv(process.env) },
    nowMs: Date.now(),
    requestId,
  }
}

/** A cloud function's `main`: identity from getCloudbaseContext, then the shared dispatch. */
export function cloudbaseHandler(actions: ActionMap, ports: PlatformPorts = {}) {
  return async (event: unknown, context: unknown) => {
    const { WX_OPENID } = tcb.getCloudbaseContext(context as Parameters<typeof tcb.getCloudbaseContext>[0])
    return dispatch(actions, event, contextFor(context, WX_OPENID || null, ports))
  }
}
