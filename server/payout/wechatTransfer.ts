import { Wechatpay } from 'wechatpay-axios-plugin'
import type { TransferState } from '../../domain/wallet/transferSync'
import type { TransferBill, TransferPort, TransferRequest } from './transferPort'

export interface WechatPayConfig {
  readonly appId: string
  readonly mchId: string
  /** The merchant API certificate's serial number. */
  readonly merchantSerial: string
  /** The merchant API private key (PEM). */
  readonly merchantPrivateKey: string
  /** 微信支付公钥 mode (every merchant since 2024): the key id (PUB_KEY_ID_…) and the key (PEM). */
  readonly platformPublicKeyId: string
  readonly platformPublicKey: string
  /** Optional: WeChat calls it when a bill changes state; the timer's query makes it optional. */
  readonly notifyUrl?: string
}

/** Extra axios settings: tests pass an `adapter` that answers without a network. */
export interface AxiosOverrides {
  readonly adapter?: unknown
  readonly baseURL?: string
}

interface BillBody {
  out_bill_no: string
  transfer_bill_no?: string
  state: TransferState
  package_info?: string
  fail_reason?: string
}

/**
 * 商家转账 (`/v3/fund-app/mch-transfer/transfer-bills`) through wechatpay-axios-plugin, which signs every
 * request with the merchant key and verifies every answer against the WeChat Pay public key. Scene 1000
 * (现金营销) with the report fields WeChat asks of it.
 */
export function wechatTransferPort(config: WechatPayConfig, overrides: AxiosOverrides = {}): TransferPort {
  const wxpay = new Wechatpay({
    mchid: config.mchId,
    serial: config.merchantSerial,
    privateKey: config.merchantPrivateKey,
    certs: { [config.platformPublicKeyId]: config.platformPublicKey },
    // In public-key mode WeChat wants the key id on every request.
    headers: { 'Wechatpay-Serial': config.platformPublicKeyId },
    ...overrides,
  } as ConstructorParameters<typeof Wechatpay>[0])
  // The plugin's chain turns camelCase segments into kebab-case and `_x_` into `{x}`.
  const bills = (wxpay as unknown as WxChain).v3.fundApp.mchTransfer.transferBills
  return {
    appId: config.appId,
    mchId: config.mchId,
    async create(request: TransferRequest) {
      const body = {
        appid: config.appId,
        out_bill_no: request.outBillNo,
        transfer_scene_id: '1000',
        openid: request.openid,
        transfer_amount: request.amountFen,
        transfer_remark: request.remark,
        ...(config.notifyUrl ? { notify_url: config.notifyUrl } : {}),
        user_recv_perception: '现金奖励',
        transfer_scene_report_infos: [
          { info_type: '活动名称', info_content: '会员分红' },
          { info_type: '奖励说明', info_content: '门店利润分红提现' },
        ],
      }
      const { data } = await bills.post(body)
      return toBill(data)
    },
    async query(outBillNo: string) {
      try {
        const { data } = await bills.outBillNo._out_bill_no_.get({ out_bill_no: outBillNo })
        return toBill(data)
      } catch (error) {
        if (isNotFound(error)) return null
        throw error
      }
    },
    async cancel(outBillNo: string) {
      const { data } = await bills.outBillNo._out_bill_no_.cancel.post({}, { out_bill_no: outBillNo })
      return toBill(data)
    },
  }
}

function toBill(data: BillBody): TransferBill {
  if (typeof data?.out_bill_no !== 'string' || typeof data.state !== 'string') throw new Error('unexpected 商家转账 answer')
  return {
    outBillNo: data.out_bill_no,
    state: data.state,
    transferBillNo: data.transfer_bill_no ?? null,
    packageInfo: data.package_info ?? null,
    failReason: data.fail_reason ?? null,
  }
}

function isNotFound(error: unknown): boolean {
  const response = (error as { response?: { status?: number; data?: { code?: string } } }).response
  return response?.status === 404 || response?.data?.code === 'NOT_FOUND'
}

interface Resource {
  get(config: Record<string, string>): Promise<{ data: BillBody }>
  post(data: unknown, config?: Record<string, string>): Promise<{ data: BillBody }>
}

interface WxChain {
  v3: { fundApp: { mchTransfer: { transferBills: Resource & { outBillNo: { _out_bill_no_: Resource & { cancel: Resource } } } } } }
}

/** Reads the adapter settings from the environment; null when WeChat Pay is not configured (manual payout). */
export function wechatPayConfigFromEnv(env: NodeJS.ProcessEnv): WechatPayConfig | null {
  const { WX_APPID, WECHATPAY_MCHID, WECHATPAY_SERIAL, WECHATPAY_PRIVATE_KEY, WECHATPAY_PUBLIC_KEY_ID, WECHATPAY_PUBLIC_KEY } = env
  if (!WX_APPID || !WECHATPAY_MCHID || !WECHATPAY_SERIAL || !WECHATPAY_PRIVATE_KEY || !WECHATPAY_PUBLIC_KEY_ID || !WECHATPAY_PUBLIC_KEY) return null
  return {
    appId: WX_APPID,
    mchId: WECHATPAY_MCHID,
    merchantSerial: WECHATPAY_SERIAL,
    merchantPrivateKey: WECHATPAY_PRIVATE_KEY,
    platformPublicKeyId: WECHATPAY_PUBLIC_KEY_ID,
    platformPublicKey: WECHATPAY_PUBLIC_KEY,
    notifyUrl: env.WECHATPAY_NOTIFY_URL || undefined,
  }
}
