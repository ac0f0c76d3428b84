import type { TransferState } from '../../domain/wallet/transferSync'

/** One 商家转账 bill as WeChat Pay reports it. */
export interface TransferBill {
  readonly outBillNo: string
  readonly state: TransferState
  /** WeChat's own bill number (transfer_bill_no). */
  readonly transferBillNo: string | null
  /** For `wx.requestMerchantTransfer` while WAIT_USER_CONFIRM. */
  readonly packageInfo: string | null
  readonly failReason: string | null
}

export interface TransferRequest {
  readonly outBillNo: string
  readonly openid: string
  /** What the member receives: amount − fee. */
  readonly amountFen: number
  readonly remark: string
}

/**
 * What the withdrawal service needs of a payout rail. The WeChat Pay adapter implements it; tests use
 * an in-memory fake. A port never decides anything: `domain/wallet/transferSync.ts` does.
 */
export interface TransferPort {
  /** The app and merchant the member's mini-program passes to `wx.requestMerchantTransfer`. */
  readonly appId: string
  readonly mchId: string
  create(request: TransferRequest): Promise<TransferBill>
  /** null when WeChat has no bill with that number (the create call never reached it). */
  query(outBillNo: string): Promise<TransferBill | null>
  cancel(outBillNo: string): Promise<TransferBill>
}

/** WeChat requires the payee's real name at ¥2,000 and above; we have none, so those are paid by hand. */
export const TRANSFER_NAME_REQUIRED_FROM_FEN = 200_000
