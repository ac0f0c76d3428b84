/**
 * The two WeChat open APIs the product uses, over HTTPS with a stable access token:
 * `wxacode.getUnlimited` (the checkout code a member scans) and `subscribeMessage.send` (dividend and
 * withdrawal notices). `fetch` is passed in so tests answer without a network.
 */
export interface WxOpenApi {
  /** A PNG of the mini-program code opening `page` with `scene` (≤ 32 chars; page without a leading slash). */
  getUnlimitedQr(input: { scene: string; page: string }): Promise<Uint8Array>
  /** Sends one subscribe message; `refused` when the person has no subscription left (errcode 43101). */
  sendSubscribe(input: { openid: string; templateId: string; page: string; data: Record<string, string> }): Promise<'sent' | 'refused'>
}

export interface WxOpenApiConfig {
  readonly appId: string
  readonly appSecret: string
  /** `release` in production; `trial` / `develop` open the matching mini-program version. */
  readonly envVersion: 'release' | 'trial' | 'develop'
}

type Fetch = (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ ok: boolean; status: number; headers: { get(name: string): string | null }; arrayBuffer(): Promise<ArrayBuffer> }>

const API = 'https://api.weixin.qq.com'
/** Refresh a little before WeChat's expiry so no call goes out with a token about to lapse. */
const TOKEN_MARGIN_S = 300

export class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    errmsg: string,
  ) {
    super(`WeChat API error ${errcode}: ${errmsg}`)
  }
}

export function wxOpenApi(config: WxOpenApiConfig, fetchImpl: Fetch, now: () => number = Date.now): WxOpenApi {
  let token: { value: string; expiresAtMs: number } | null = null

  async function post(path: string, body: unknown): Promise<{ json: Record<string, unknown> | null; bytes: Uint8Array }> {
    const res = await fetchImpl(`${API}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const bytes = new Uint8Array(await res.arrayBuffer())
    const isJson = (res.headers.get('content-type') ?? '').includes('json')
    if (!res.ok) throw new WxApiError(res.status, 'HTTP error')
    return { json: isJson ? (JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>) : null, bytes }
  }

  function check(json: Record<string, unknown> | null): void {
    const errcode = Number(json?.errcode ?? 0)
    if (errcode !== 0) throw new WxApiError(errcode, String(json?.errmsg ?? ''))
  }

  /** The stable token endpoint hands every caller the same token, so warm containers do not evict each other's. */
  async function accessToken(): Promise<string> {
    if (token && token.expiresAtMs > now()) return token.value
    const { json } = await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: config.appId, secret: config.appSecret })
    check(json)
    const value = String(json?.access_token ?? '')
    const expiresIn = Number(json?.expires_in ?? 0)
    if (!value || !expiresIn) throw new WxApiError(-1, 'no access_token in answer')
    token = { value, expiresAtMs: now() + (expiresIn - TOKEN_MARGIN_S) * 1000 }
    return value
  }

  return {
    async getUnlimitedQr({ scene, page }) {
      if (scene.length > 32) throw new Error('wxacode scene longer than 32 characters')
      const { json, bytes } = await post(`/wxa/getwxacodeunlimit?access_token=${await accessToken()}`, {
        scene,
        page: page.replace(/^\//, ''),
        check_path: false,
        env_version: config.envVersion,
        width: 430,
      })
      // Success is the image itself; a failure is a JSON body.
      check(json)
      return bytes
    },
    async sendSubscribe({ openid, templateId, page, data }) {
      const { json } = await post(`/cgi-bin/message/subscribe/send?access_token=${await accessToken()}`, {
        touser: openid,
        template_id: templateId,
        page,
        miniprogram_state: config.envVersion === 'release' ? 'formal' : config.envVersion === 'trial' ? 'trial' : 'developer',
        lang: 'zh_CN',
        data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { value: v }])),
      })
      if (Number(json?.errcode ?? 0) === 43101) return 'refused'
      check(json)
      return 'sent'
    },
  }
}

export function wxOpenApiConfigFromEnv(env: NodeJS.ProcessEnv): WxOpenApiConfig | null {
  if (!env.WX_APPID || !env.WX_APPSECRET) return null
  const v = env.WX_ENV_VERSION
  return { appId: env.WX_APPID, appSecret: env.WX_APPSECRET, envVersion: v === 'trial' || v === 'develop' ? v : 'release' }
}
