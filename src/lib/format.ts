import { formatBusinessTime, periodLabelZh, type PeriodId } from '../../domain/period/calendar'

export { formatFen, formatShares, formatPercent, parseYuan } from '../../domain/money/format'

/** 2026-12-04 10:30 in Shanghai time. */
export function formatTime(ms: number | null | undefined): string {
  return ms ? formatBusinessTime(ms) : '—'
}

export function periodLabel(id: string): string {
  return periodLabelZh(id as PeriodId)
}

export const LEDGER_KIND_ZH: Record<string, string> = {
  dividend: '分红',
  staff_dividend: '员工分红',
  offset: '消费抵扣',
  offset_refund: '抵扣退回',
  withdrawal_hold: '提现冻结',
  withdrawal_release: '提现退回',
  withdrawal_paid: '提现到账',
  withdrawal_fee: '提现手续费',
  clawback: '退款扣回',
  freeze: '风控冻结',
  unfreeze: '解除冻结',
  forfeit: '没收至储备金',
  adjustment: '店主调整',
  reserve_in: '转入储备金',
  reserve_draw: '储备金补充',
  reserve_unallocated: '未分配转储备',
}

export const WITHDRAWAL_STATUS_ZH: Record<string, string> = {
  pending: '待审核',
  approved: '已批准，待打款',
  transferring: '微信打款中',
  paid: '已打款',
  rejected: '已驳回',
  cancelled: '已取消',
  failed: '打款未成功，已退回',
}

/** The index is in units of 10⁻⁸ 股: shown in 股 with two decimals. */
export function formatIndex(index: number | string): string {
  const n = Number(index) / 1e8
  return n.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
}
