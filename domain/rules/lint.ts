import type { RuleSet } from '../../types/rules'

/** enforced: guaranteed by the system; warning: allowed but risky; error: refused. */
export type LintSeverity = 'enforced' | 'warning' | 'error'

export interface LintFinding {
  readonly code: string
  readonly severity: LintSeverity
  readonly messageZh: string
}

/**
 * The compliance lint of SPEC §3, shown on the settings page. "enforced" findings describe what the system
 * makes impossible (they are always listed, so a shopkeeper can see the guarantees); warnings depend on the
 * rule values.
 */
export function lintRules(rules: RuleSet): LintFinding[] {
  const findings: LintFinding[] = [
    {
      code: 'referral_single_level',
      severity: 'enforced',
      messageZh: '推荐只计一级：只统计你直接推荐的会员的消费，不计其再推荐的人。',
    },
    {
      code: 'join_free_no_share_sale',
      severity: 'enforced',
      messageZh: '加入免费，股份只能通过消费获得，系统不出售股份。',
    },
    {
      code: 'sharing_not_rewarded',
      severity: 'enforced',
      messageZh: '分享本身不产生任何奖励，只有被推荐会员的真实消费才计入贡献（微信运营规范 5.1）。',
    },
  ]
  if (rules.weights.referred > rules.weights.own) {
    findings.push({
      code: 'referred_weight_above_own',
      severity: 'warning',
      messageZh: '推荐消费权重高于本人消费权重，可能被认定为“团队计酬”，建议调低。',
    })
  }
  if (rules.floorFen > 0) {
    findings.push({
      code: 'floor_set',
      severity: 'warning',
      messageZh: '已设置保底分红：它只从储备金中支付，任何宣传都不得承诺收益。',
    })
  }
  if (rules.poolRatio > 0.5) {
    findings.push({
      code: 'pool_ratio_high',
      severity: 'warning',
      messageZh: '分红池比例超过利润的 50%，门店资金覆盖风险较高。',
    })
  }
  return findings
}

/** Words that promise a return; SPEC §3 forbids any text that does. */
const PROMISE_PATTERNS: readonly RegExp[] = [
  /保证.{0,6}(收益|回报|分红|赚)/,
  /(收益|回报)(率)?\s*\d+(\.\d+)?\s*%/,
  /\d+(\.\d+)?\s*%\s*的?(收益|回报)/,
  /保本/,
  /稳赚/,
  /稳定收益/,
  /固定收益/,
  /零风险/,
  /无风险/,
  /承诺.{0,4}(收益|回报|分红)/,
  /(收益|回报|分红)有保障/,
  /保底(收益|回报)/,
  /年化/,
  /躺赚/,
]

/** Owner-written text (announcements, labels) that promises a return is refused: one error per phrase. */
export function lintPromotionalText(text: string): LintFinding[] {
  // The required disclosure (不保证收益) and other denials are not promises: drop them before matching.
  const claims = text.replace(/[不没无]有?(保证|承诺)/g, '')
  const hits = PROMISE_PATTERNS.filter((re) => re.test(claims))
  return hits.map((re) => ({
    code: 'promises_return',
    severity: 'error' as const,
    messageZh: `文案含有承诺收益的表述（${re.exec(claims)?.[0] ?? ''}），请删除：分红来源于门店利润，不保证收益。`,
  }))
}
