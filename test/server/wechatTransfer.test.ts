/**
 * The WeChat Pay 商家转账 adapter against fixed vectors: with the nonce and clock pinned, each request's
 * Authorization header must carry exactly the signature computed beforehand with
 * `openssl dgst -sha256 -sign test/fixtures/wechatpay/merchant_key.pem` over WeChat's signing message.
 * Answers are signed with a test "platform" key and must verify; a tampered answer must be refused.
 * No request leaves the process: an axios adapter answers.
 */
import { createSign } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Formatter } from 'wechatpay-axios-plugin'
import { wechatTransferPort, type WechatPayConfig } from '../../server/payout/wechatTransfer'

const fixtures = join(__dirname, '..', 'fixtures', 'wechatpay')
const merchantKey = readFileSync(join(fixtures, 'merchant_key.pem'), 'utf8')
const platformKey = readFileSync(join(fixtures, 'platform_key.pem'), 'utf8')
const platformPub = readFileSync(join(fixtures, 'platform_pub.pem'), 'utf8')

const TS = 1764806400
const NONCE = 'NONCE0123456789ABCDEFGHIJKLMNOPQ'
const BILL = 'wd0123456789abcdef0123456789abcd'
const PUB_ID = 'PUB_KEY_ID_0114232134912410000000000000TEST'

const config: WechatPayConfig = {
  appId: 'wx8888888888888888',
  mchId: '1900000109',
  merchantSerial: '3775B6A45ACD588826D15E583A95F5DD00000000',
  merchantPrivateKey: merchantKey,
  platformPublicKeyId: PUB_ID,
  platformPublicKey: platformPub,
}

const CREATE_SIGNATURE =
  '46Uwnz3jRMBh909IpzSLLPn47DmuBlLrKd8t+aZ6dZvwYsOByhpGWRBwuNEF5vPjid3YQjbxCYZtb8nttDwupZPT/Pf5MZMr6Uqp3jmSJtFNZrFPYOaKwX1aF3E/k08Sxc7elEPyCwLp4//ZycZ45ggm4y+lMOHsdT+ICTF+qYa7WkY3EqFjt7Ar+bfEUcGPVGT/hZRXmkDrUAMLfL3AofYqEgZamEU2dr9iubf5/5kQhshfQMjvlHAMx85jo0iHq+WkQk8rri6oIEvHPdS1qeFXZRTME8uI8jzkzkY7ryfwlHgPIOAI7tUS+QeRrjScRriyWM/YeCiZgNAdFj+Qhg=='
const QUERY_SIGNATURE =
  'GDSKefgpi11LDWgk4SJmR1DCLbAYRLq3tJ5QCslkIH5EISKecCOdXvVt4ldlMQeEz4a1CAVc6izRLAdFg6dOYJ+6an/ez4iATupeo3c3+37GlC6NPtf4Ur9YjkTAg+qQy9DVAwMR7CjTUVJ/tBQKVysmouR0JByuvjdSj7vSj84tiK/OElrNruRXR+YPdavf884vaJmtTU4WCEFSog4MG3m/96UhUpfO69Veokh0gQbnAeQGfQN0EFOnC43kJnFcwUv4t9Wnk2S22IKhXMim9LUo9bFex7tpz2ts6Vvt2qSBHjwsq6ENreXvgVgSCc+oKDFYWYOcgL2EgDQL92qCog=='

interface Sent {
  method: string
  url: string
  headers: Record<string, string>
  data: string | undefined
}

/** An axios adapter that records the request and answers as WeChat Pay would, signed by `signWith`. */
function fakeWechat(answer: { status: number; body: unknown }, signWith = platformKey, tamper = false) {
  const sent: Sent[] = []
  const adapter = async (cfg: { method: string; url: string; baseURL: string; headers: { toJSON(): Record<string, string> }; data?: string }) => {
    sent.push({ method: cfg.method.toUpperCase(), url: new URL(cfg.url, cfg.baseURL).pathname, headers: cfg.headers.toJSON(), data: cfg.data })
    const body = JSON.stringify(answer.body)
    const signer = createSign('RSA-SHA256')
    signer.update(`${TS}\n${NONCE}\n${body}\n`)
    const signature = signer.sign(signWith, 'base64')
    // Real axios adapters reject answers outside 2xx with the answer attached.
    if (answer.status >= 300) throw Object.assign(new Error(`Request failed with status code ${answer.status}`), { response: { status: answer.status, data: answer.body } })
    return {
      status: answer.status,
      statusText: 'OK',
      config: cfg,
      request: {},
      data: tamper ? body.replace('SUCCESS', 'FAIL') : body,
      headers: {
        'wechatpay-timestamp': String(TS),
        'wechatpay-nonce': NONCE,
        'wechatpay-serial': PUB_ID,
        'wechatpay-signature': signature,
        'content-type': 'application/json',
      },
    }
  }
  return { sent, adapter }
}

beforeEach(() => {
  jest.spyOn(Formatter, 'nonce').mockReturnValue(NONCE)
  jest.spyOn(Formatter, 'timestamp').mockReturnValue(TS)
})
afterEach(() => jest.restoreAllMocks())

const request = { outBillNo: BILL, openid: 'o_member_1', amountFen: 9950, remark: '会员分红提现' }

test('create: the request body, path and signature match the fixed vector', async () => {
  const { sent, adapter } = fakeWechat({ status: 200, body: { out_bill_no: BILL, transfer_bill_no: '1330000071100999991182020050700019480001', create_time: '2025-12-04T08:00:00+08:00', state: 'WAIT_USER_CONFIRM', package_info: 'affffddafdfafddffda==' } })
  const port = wechatTransferPort(config, { adapter })
  const bill = await port.create(request)
  expect(bill).toEqual({ outBillNo: BILL, state: 'WAIT_USER_CONFIRM', transferBillNo: '1330000071100999991182020050700019480001', packageInfo: 'affffddafdfafddffda==', failReason: null })
  expect(sent).toHaveLength(1)
  const [req] = sent
  expect(req?.method).toBe('POST')
  expect(req?.url).toBe('/v3/fund-app/mch-transfer/transfer-bills')
  expect(JSON.parse(req?.data ?? '')).toEqual({
    appid: 'wx8888888888888888',
    out_bill_no: BILL,
    transfer_scene_id: '1000',
    openid: 'o_member_1',
    transfer_amount: 9950,
    transfer_remark: '会员分红提现',
    user_recv_perception: '现金奖励',
    transfer_scene_report_infos: [
      { info_type: '活动名称', info_content: '会员分红' },
      { info_type: '奖励说明', info_content: '门店利润分红提现' },
    ],
  })
  expect(req?.headers['Authorization']).toBe(
    `WECHATPAY2-SHA256-RSA2048 mchid="1900000109",serial_no="3775B6A45ACD588826D15E583A95F5DD00000000",timestamp="${TS}",nonce_str="${NONCE}",signature="${CREATE_SIGNATURE}"`,
  )
  expect(req?.headers['Wechatpay-Serial']).toBe(PUB_ID)
})

test('query: by the merchant bill number, signed over an empty body', async () => {
  const { sent, adapter } = fakeWechat({ status: 200, body: { out_bill_no: BILL, state: 'FAIL', fail_reason: 'PAYEE_ACCOUNT_ABNORMAL' } })
  const bill = await wechatTransferPort(config, { adapter }).query(BILL)
  expect(bill?.state).toBe('FAIL')
  expect(bill?.failReason).toBe('PAYEE_ACCOUNT_ABNORMAL')
  expect(sent[0]?.method).toBe('GET')
  expect(sent[0]?.url).toBe(`/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${BILL}`)
  expect(sent[0]?.headers['Authorization']).toContain(`signature="${QUERY_SIGNATURE}"`)
})

test('query: a bill WeChat never saw is null (so it is created again under the same number)', async () => {
  const { adapter } = fakeWechat({ status: 404, body: { code: 'NOT_FOUND', message: '记录不存在' } })
  await expect(wechatTransferPort(config, { adapter }).query(BILL)).resolves.toBeNull()
})

test('cancel posts to the bill’s cancel path', async () => {
  const { sent, adapter } = fakeWechat({ status: 200, body: { out_bill_no: BILL, state: 'CANCELING' } })
  const bill = await wechatTransferPort(config, { adapter }).cancel(BILL)
  expect(bill.state).toBe('CANCELING')
  expect(sent[0]?.url).toBe(`/v3/fund-app/mch-transfer/transfer-bills/out-bill-no/${BILL}/cancel`)
})

test('an answer not signed by the WeChat Pay key is refused', async () => {
  const { adapter } = fakeWechat({ status: 200, body: { out_bill_no: BILL, state: 'SUCCESS' } }, merchantKey)
  await expect(wechatTransferPort(config, { adapter }).query(BILL)).rejects.toThrow()
})

test('an answer altered after signing is refused', async () => {
  const { adapter } = fakeWechat({ status: 200, body: { out_bill_no: BILL, state: 'SUCCESS' } }, platformKey, true)
  await expect(wechatTransferPort(config, { adapter }).query(BILL)).rejects.toThrow()
})
