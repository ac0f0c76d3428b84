/**
 * Every error code a person can meet, with the plain Chinese shown for it.
 * Functions return these codes; the UI looks the message up here and never invents its own.
 */
export const ERROR_MESSAGES_ZH = {
  // Input and access
  invalid_input: '提交的内容有误，请检查后重试',
  not_authenticated: '请先登录',
  forbidden: '没有权限进行此操作',
  not_found: '找不到相关记录',
  conflict: '数据已被他人修改，请刷新后重试',
  internal: '系统繁忙，请稍后再试',

  // Checkout capture (SPEC §4.2), in the order they are checked
  code_invalid: '消费码无效，请让店员重新生成',
  code_voided: '该消费码已作废',
  code_already_claimed: '该消费码已被其他会员使用',
  code_expired: '消费码已过期，请让店员重新生成',
  member_frozen: '账户已被冻结，请联系店主',
  wxacode_unavailable: '当前环境不能生成小程序码，请使用二维码',
  offset_invalid: '抵扣金额不能超过可用余额或消费金额',

  // Refunds (SPEC §4.5)
  refund_invalid_amount: '退款金额必须大于 0 且不超过可退金额',

  // Referral binding (SPEC §6)
  referral_unknown_code: '推荐码无效',
  referral_self: '不能推荐自己',
  referral_cycle: '不能与推荐你的人互相推荐',
  referral_not_new: '只有首次加入的会员才能绑定推荐人',

  // Withdrawals (SPEC §7)
  withdrawal_below_min: '提现金额低于最低提现金额',
  withdrawal_insufficient_balance: '可用余额不足',
  withdrawal_daily_limit: '超过今日提现额度',
  withdrawal_member_frozen: '账户已被冻结，暂不能提现',
  withdrawal_wrong_state: '该提现申请当前状态不能进行此操作',
  withdrawal_reason_required: '驳回提现需要填写原因',
  payout_not_configured: '未开通微信支付商家转账，请线下付款后点“标记已付”',
  transfer_needs_manual: '单笔 2000 元及以上需收款人实名，请线下付款后点“标记已付”',
  transfer_unavailable: '该会员已注销或无法收款，请线下处理',

  // Rules (SPEC §3)
  rules_invalid: '分红规则填写有误',
  rules_out_of_bounds: '分红规则超出总部设定的范围',
  chain_managed: '该门店属于连锁统一分红池，此操作由总部进行',
} as const

export type ErrorCode = keyof typeof ERROR_MESSAGES_ZH

export const ERROR_CODES = Object.keys(ERROR_MESSAGES_ZH) as ErrorCode[]

/** The message shown to a person for a code. */
export function errorMessageZh(code: ErrorCode): string {
  return ERROR_MESSAGES_ZH[code]
}

/** A typed failure: expected outcomes are values, not exceptions. */
export interface Failure<C extends ErrorCode = ErrorCode> {
  readonly ok: false
  readonly code: C
  readonly detail?: string
}

export interface Success<T> {
  readonly ok: true
  readonly value: T
}

export type Result<T, C extends ErrorCode = ErrorCode> = Success<T> | Failure<C>

export function ok<T>(value: T): Success<T> {
  return { ok: true, value }
}

export function fail<C extends ErrorCode>(code: C, detail?: string): Failure<C> {
  return detail === undefined ? { ok: false, code } : { ok: false, code, detail }
}
