/**
 * wxacode and subscribe messages: the HTTPS client against a recorded fake of api.weixin.qq.com, and the
 * outbox sender — only people who accepted are told, each at most once, each acceptance spent once.
 */
import { wxOpenApi, type WxOpenApi } from '../../server/platform/wxOpenApi'
import { checkoutActions } from '../../server/services/checkout'
import { deliverOutbox, type NoticeTemplates } from '../../server/services/notices'
import { subscribeNotices } from '../../server/services/notices'
import type { OutboxDoc } from '../../server/services/outbox'
import { walletActions, withdrawalAdminActions } from '../../server/services/wallet'
import { memberIdFor } from '../../server/services/ids'
import { Harness, OWNER } from '../support/harness'
import { nodeCrypto } from '../support/nodeCrypto'
import { credit, newCode, openStore, STAFF } from '../support/store'

type Call = { url: string; body: Record<string, unknown> }

function fakeWeixin(answers: Record<string, (body: Record<string, unknown>) => { json?: unknown; png?: Uint8Array }>) {
  const calls: Call[] = []
  const fetchImpl = async (url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as Record<string, unknown>
    calls.push({ url, body })
    const path = new URL(url).pathname
    const answer = answers[path]?.(body) ?? { json: { errcode: 404, errmsg: 'no fake' } }
    const bytes = answer.png ?? new TextEncoder().encode(JSON.stringify(answer.json))
    return {
      ok: true,
      status: 200,
      headers: { get: (name: string) => (name === 'content-type' ? (answer.png ? 'image/png' : 'application/json') : null) },
      arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    }
  }
  return { calls, fetchImpl }
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])
const config = { appId: 'wx8888888888888888', appSecret: 'secret', envVersion: 'release' as const }
const token = (n: number) => () => ({ json: { access_token: `T${n}`, expires_in: 7200 } })

describe('the open API client', () => {
  test('getUnlimited: one stable token reused, scene and page as WeChat wants them', async () => {
    const { calls, fetchImpl } = fakeWeixin({ '/cgi-bin/stable_token': token(1), '/wxa/getwxacodeunlimit': () => ({ png: PNG }) })
    let now = 0
    const api = wxOpenApi(config, fetchImpl, () => now)
    expect(await api.getUnlimitedQr({ scene: 'cAAAAAAAAAABBBBBBBBBBB', page: '/pages/pay/index' })).toEqual(PNG)
    now += 3600_000
    await api.getUnlimitedQr({ scene: 'cAAAAAAAAAABBBBBBBBBBB', page: 'pages/pay/index' })
    expect(calls.map((c) => new URL(c.url).pathname)).toEqual(['/cgi-bin/stable_token', '/wxa/getwxacodeunlimit', '/wxa/getwxacodeunlimit'])
    expect(calls[0]?.body).toEqual({ grant_type: 'client_credential', appid: config.appId, secret: 'secret' })
    expect(new URL(calls[1]!.url).searchParams.get('access_token')).toBe('T1')
    expect(calls[1]?.body).toMatchObject({ scene: 'cAAAAAAAAAABBBBBBBBBBB', page: 'pages/pay/index', check_path: false, env_version: 'release' })
  })

  test('the token is renewed before it lapses; errors come back as WxApiError', async () => {
    let n = 0
    const { calls, fetchImpl } = fakeWeixin({ '/cgi-bin/stable_token': () => token(++n)(), '/wxa/getwxacodeunlimit': () => ({ json: { errcode: 41030, errmsg: 'invalid page' } }) })
    let now = 0
    const api = wxOpenApi(config, fetchImpl, () => now)
    await expect(api.getUnlimitedQr({ scene: 'x', page: 'pages/nope' })).rejects.toThrow('41030')
    now += (7200 - 299) * 1000
    await expect(api.getUnlimitedQr({ scene: 'x', page: 'pages/nope' })).rejects.toThrow('41030')
    expect(calls.filter((c) => c.url.includes('stable_token'))).toHaveLength(2)
    await expect(api.getUnlimitedQr({ scene: 'x'.repeat(33), page: 'pages/pay/index' })).rejects.toThrow('32')
  })

  test('subscribe send: data wrapped as WeChat wants; 43101 is a refusal, not an error', async () => {
    let refuse = false
    const { calls, fetchImpl } = fakeWeixin({ '/cgi-bin/stable_token': token(1), '/cgi-bin/message/subscribe/send': () => ({ json: refuse ? { errcode: 43101, errmsg: 'user refuse to accept the msg' } : { errcode: 0, errmsg: 'ok' } }) })
    const api = wxOpenApi(config, fetchImpl)
    expect(await api.sendSubscribe({ openid: 'o1', templateId: 'TPL', page: 'pages/wallet/index', data: { amount1: '¥1.00' } })).toBe('sent')
    refuse = true
    expect(await api.sendSubscribe({ openid: 'o1', templateId: 'TPL', page: 'pages/wallet/index', data: { amount1: '¥1.00' } })).toBe('refused')
    expect(calls[1]?.body).toMatchObject({ touser: 'o1', template_id: 'TPL', miniprogram_state: 'formal', data: { amount1: { value: '¥1.00' } } })
  })
})

class RecordingApi implements WxOpenApi {
  readonly sent: { openid: string; templateId: string; page: string; data: Record<string, string> }[] = []
  async getUnlimitedQr() {
    return PNG
  }
  async sendSubscribe(input: { openid: string; templateId: string; page: string; data: Record<string, string> }) {
    this.sent.push(input)
    return 'sent' as const
  }
}

const TEMPLATES: NoticeTemplates = {
  withdrawal_decided: { id: 'TPL_W', fields: { amount: 'amount1', status: 'phrase2', note: 'thing3' } },
  dividend_paid: { id: 'TPL_D', fields: { period: 'thing1', amount: 'amount2' } },
}

describe('the outbox sender', () => {
  let h: Harness
  let storeId: string
  const A = 'o_alice'
  const B = 'o_bob'
  beforeEach(async () => {
    h = new Harness('2026-10-15T02:00:00Z', { cloudMode: true })
    const s = await openStore(h)
    storeId = s.storeId
    for (const who of [A, B]) await h.ok(checkoutActions, 'capture', { token: (await newCode(h, storeId, 100)).token }, who)
    await credit(h, memberIdFor(nodeCrypto, s.scopeId, A), 10_000)
    await credit(h, memberIdFor(nodeCrypto, s.scopeId, B), 10_000)
  })
  afterEach(() => h.close())

  async function rejectOne(who: string, requestId: string) {
    const w = await h.ok<{ withdrawalId: string }>(walletActions, 'requestWithdrawal', { storeId, amountFen: 2_000, requestId }, who)
    await h.ok(withdrawalAdminActions, 'reviewWithdrawal', { storeId, withdrawalId: w.withdrawalId, decision: 'reject', reason: '信息不符' }, OWNER)
  }

  test('a decided withdrawal is told once to a member who accepted, and not to one who did not', async () => {
    await h.ok({ subscribeNotices }, 'subscribeNotices', { storeId, accepted: ['withdrawal_decided'] }, A)
    await rejectOne(A, 'wreq-n001')
    await rejectOne(B, 'wreq-n002')
    const api = new RecordingApi()
    const report = await deliverOutbox(h.context(null), api, TEMPLATES)
    expect(report).toEqual({ notices: 2, sent: 1, skipped: 1, failed: 0 })
    expect(api.sent).toEqual([{ openid: A, templateId: 'TPL_W', page: 'pages/wallet/index', data: { amount1: '¥20.00', phrase2: '已驳回', thing3: '信息不符' } }])
    // Run again: nothing pending, nothing sent twice.
    expect(await deliverOutbox(h.context(null), api, TEMPLATES)).toEqual({ notices: 0, sent: 0, skipped: 0, failed: 0 })
    // The acceptance was spent: the next decision is not sent.
    await rejectOne(A, 'wreq-n003')
    expect((await deliverOutbox(h.context(null), api, TEMPLATES)).sent).toBe(0)
    expect(api.sent).toHaveLength(1)
  })

  test('local mode only records notices', async () => {
    const local = new Harness()
    const s = await openStore(local)
    await local.ok(checkoutActions, 'capture', { token: (await newCode(local, s.storeId, 100)).token }, A)
    await credit(local, memberIdFor(nodeCrypto, s.scopeId, A), 10_000)
    const w = await local.ok<{ withdrawalId: string }>(walletActions, 'requestWithdrawal', { storeId: s.storeId, amountFen: 2_000, requestId: 'wreq-l001' }, A)
    await local.ok(withdrawalAdminActions, 'reviewWithdrawal', { storeId: s.storeId, withdrawalId: w.withdrawalId, decision: 'reject', reason: 'x' }, OWNER)
    const docs = (await local.storage.query<OutboxDoc>('outbox', { where: {}, limit: 10 })).docs
    expect(docs.map((d) => [d.kind, d.status])).toEqual([['withdrawal_decided', 'recorded']])
    expect((await deliverOutbox(local.context(null), new RecordingApi(), TEMPLATES)).notices).toBe(0)
    await local.close()
  })

  test('subscribe needs a signed-in person and known kinds', async () => {
    expect(await h.call({ subscribeNotices }, 'subscribeNotices', { storeId, accepted: ['spam'] }, A)).toMatchObject({ ok: false, code: 'invalid_input' })
    expect(await h.call({ subscribeNotices }, 'subscribeNotices', { storeId, accepted: ['dividend_paid'] }, null)).toMatchObject({ ok: false, code: 'not_authenticated' })
    expect(await h.ok({ subscribeNotices }, 'subscribeNotices', { storeId, accepted: ['dividend_paid', 'dividend_paid'] }, A)).toEqual({ quota: { dividend_paid: 1 } })
  })

  test('codeImage: staff get the wxacode of the token; without the open API a clear error', async () => {
    const code = await newCode(h, storeId, 500)
    expect(await h.call(checkoutActions, 'codeImage', { storeId, token: code.token }, STAFF)).toMatchObject({ ok: false, code: 'wxacode_unavailable' })
    h.openApi = new RecordingApi()
    expect(await h.ok(checkoutActions, 'codeImage', { storeId, token: code.token }, STAFF)).toEqual({ pngBase64: Buffer.from(PNG).toString('base64') })
    expect(await h.call(checkoutActions, 'codeImage', { storeId, token: code.token }, A)).toMatchObject({ ok: false, code: 'forbidden' })
  })
})
