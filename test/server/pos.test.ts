import http from 'node:http'
import { posSignature } from '../../domain/checkout/posSignature'
import { LocalHost } from '../../server/local/childHost'
import { nodeCrypto } from '../support/nodeCrypto'

jest.setTimeout(60_000)

describe('POS API over HTTP (SPEC §1)', () => {
  const host = new LocalHost()
  let storeId: string
  let key: { keyId: string; secret: string }
  beforeAll(async () => {
    await host.start()
    storeId = (await host.fn<{ storeId: string }>('admin', 'createStore', { name: '收银测试店' }, 'demo_owner')).storeId
    key = await host.fn<{ keyId: string; secret: string }>('admin', 'createApiKey', { storeId, label: '前台收银机' }, 'demo_owner')
  })
  afterAll(async () => {
    await host.stop()
    host.cleanup()
  })

  const send = (body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; json: { ok: boolean; code?: string; data?: { token: string } } }>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: host.port, method: 'POST', path: '/pos/checkout', headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          let text = ''
          res.on('data', (c: Buffer) => (text += c.toString('utf8')))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  const signed = (body: string, ts = Date.now(), k = key) => ({ 'x-pos-key': k.keyId, 'x-pos-timestamp': String(ts), 'x-pos-signature': posSignature(nodeCrypto, k.secret, ts, body) })

  test('a signed request creates a checkout code a member can claim', async () => {
    const body = JSON.stringify({ amountFen: 8_800, posOrderNo: 'POS-0001' })
    const r = await send(body, signed(body))
    expect(r.status).toBe(200)
    expect(r.json.data?.token).toMatch(/^c[0-9A-Za-z]{21}$/)
    const captured = await host.fn<{ amountFen: number }>('checkout', 'capture', { token: r.json.data!.token }, 'o_pos_buyer')
    expect(captured.amountFen).toBe(8_800)
  })

  test('the same signed request twice is a replay', async () => {
    const body = JSON.stringify({ amountFen: 100 })
    const headers = signed(body)
    expect((await send(body, headers)).status).toBe(200)
    expect(await send(body, headers)).toMatchObject({ status: 409, json: { ok: false, code: 'conflict' } })
  })

  test('bad signature, stale timestamp, unknown or revoked key: 401, audited', async () => {
    const body = JSON.stringify({ amountFen: 100 })
    expect((await send(body, { ...signed(body), 'x-pos-signature': '0'.repeat(64) })).status).toBe(401)
    const old = Date.now() - 6 * 60_000
    expect((await send(body, signed(body, old))).status).toBe(401)
    expect((await send(body, { ...signed(body), 'x-pos-key': 'pk_AAAAAAAAAAAAAAAA' })).status).toBe(401)
    const second = await host.fn<{ keyId: string; secret: string }>('admin', 'createApiKey', { storeId, label: '备用' }, 'demo_owner')
    await host.fn('admin', 'revokeApiKey', { storeId, keyId: second.keyId }, 'demo_owner')
    expect((await send(body, signed(body, Date.now(), second))).status).toBe(401)
    const log = await host.fn<{ entries: { action: string }[] }>('admin', 'auditLog', { storeId }, 'demo_owner')
    expect(log.entries.filter((e) => e.action === 'pos_denied').length).toBeGreaterThanOrEqual(3)
  })

  test('a signed request with a bad body is refused as invalid input', async () => {
    const body = JSON.stringify({ amountFen: -5 })
    expect(await send(body, signed(body))).toMatchObject({ status: 400, json: { code: 'invalid_input' } })
  })
})
