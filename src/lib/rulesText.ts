import type { RuleSet } from '../../types/rules'
import { formatFen } from '../../domain/money/format'

const pct = (r: number) => `${(Math.round(r * 10000) / 100).toString()}%`

/** The rule set in plain Chinese, line by line, as members and owners read it. */
export function describeRules(r: RuleSet): { label: string; value: string }[] {
  return [
    { label: '结算周期', value: r.periodLength === 'quarter' ? '每季度' : '每月' },
    { label: '股份', value: `每消费 ${formatFen(r.fenPerShare)} 得 1 股` },
    { label: '分红池', value: `门店申报利润的 ${pct(r.poolRatio)}` },
    { label: '储备金', value: `分红池的 ${pct(r.reserveRatio)} 留作储备，淡季补足最低分红 ${formatFen(r.floorFen)}` },
    { label: '员工分成', value: r.staffRatio > 0 ? `可分配部分的 ${pct(r.staffRatio)} 按员工销售额分给员工` : '无' },
    { label: '贡献权重', value: `本人消费 ${r.weights.own}，推荐好友消费 ${r.weights.referred}，互动 ${r.weights.interaction}，持有股份 ${r.weights.held}` },
    { label: '推荐', value: `仅一级；好友加入后 ${r.referral.windowDays} 天内的消费计入` },
    { label: '互动', value: `签到、评价每次 1 分，每期最多 ${r.interaction.capPerPeriod} 分` },
    { label: '结算时间', value: `周期结束后 ${r.freezeDays} 天（退款冻结期）` },
    { label: '提现', value: `最低 ${formatFen(r.withdrawal.minFen)}，每日最多 ${formatFen(r.withdrawal.maxPerDayFen)}，手续费 ${pct(r.withdrawal.feeRatio)}` },
  ]
}
