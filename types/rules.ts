import Decimal from 'decimal.js'
import * as z from 'zod'
import { fenSchema } from './moneySchema'

/** A ratio or weight with at most 4 decimal places, read exactly with decimal.js (SPEC §2). */
function ratio4(min: number, max: number) {
  return z
    .number()
    .min(min)
    .max(max)
    .refine((value) => Number.isFinite(value) && new Decimal(value).decimalPlaces() <= 4, {
      message: 'at most 4 decimal places',
    })
}

export const periodLengthSchema = z.enum(['quarter', 'month'])
export type PeriodLength = z.infer<typeof periodLengthSchema>

export const weightsSchema = z.object({
  own: ratio4(0, 10).default(1),
  referred: ratio4(0, 10).default(0.3),
  interaction: ratio4(0, 10).default(0.01),
  held: ratio4(0, 10).default(0),
})

export const fraudRulesSchema = z.object({
  /** More than this many captures by one member in one store within the window is flagged. */
  rapidCaptureCount: z.number().int().min(1).max(1000).default(3),
  rapidCaptureWindowMinutes: z.number().int().min(1).max(1440).default(10),
  /** A purchase above this multiple of the store's 99th percentile is flagged. */
  outlierMultiple: ratio4(1, 1000).default(5),
  /** The 99th percentile is trusted only after this many purchases. */
  outlierMinSamples: z.number().int().min(1).max(1_000_000).default(100),
  /** More than this many referees bound to one referrer in one day is flagged. */
  referralsPerDay: z.number().int().min(1).max(10_000).default(10),
})

/**
 * The rule set of a pool scope (SPEC §3). Every field has the documented default, so `{}` parses to the
 * default rules. Limits beyond SPEC's are ours: they keep every product of the settlement inside exact
 * integer range and stop obvious typos (a weight of 1000).
 */
export const ruleSetSchema = z.object({
  periodLength: periodLengthSchema.default('quarter'),
  fenPerShare: z.number().int().min(1).max(100_000_000).default(10_000),
  weights: weightsSchema.prefault({}),
  poolRatio: ratio4(0, 1).default(0.15),
  reserveRatio: ratio4(0, 1).default(0.1),
  floorFen: fenSchema.default(0),
  staffRatio: ratio4(0, 1).default(0),
  freezeDays: z.number().int().min(0).max(90).default(7),
  referral: z.object({ windowDays: z.number().int().min(1).max(3650).default(365) }).prefault({}),
  interaction: z.object({ capPerPeriod: z.number().int().min(0).max(10_000).default(90) }).prefault({}),
  checkout: z.object({ expiryMinutes: z.number().int().min(1).max(1440).default(15) }).prefault({}),
  withdrawal: z
    .object({
      minFen: fenSchema.min(1).default(1000),
      maxPerDayFen: fenSchema.min(1).default(500_000),
      feeRatio: ratio4(0, 0.5).default(0),
    })
    .prefault({}),
  fraud: fraudRulesSchema.prefault({}),
  payout: z.enum(['manual', 'wechatpay']).default('manual'),
  autoCommit: z.boolean().default(false),
  /** Display labels: 分红/股 (dividend) or 返利/积分 (rebate). */
  labels: z.enum(['dividend', 'rebate']).default('dividend'),
})

export type RuleSet = z.infer<typeof ruleSetSchema>
export type RuleSetInput = z.input<typeof ruleSetSchema>
export type Weights = RuleSet['weights']

/** The defaults of SPEC §3. */
export function defaultRuleSet(): RuleSet {
  return ruleSetSchema.parse({})
}

/** One stored version of a scope's rules (SPEC §3: versioned, effective from a period start). */
export interface RuleVersion {
  readonly version: number
  readonly rules: RuleSet
  /** First instant (UTC ms) at which this version is in force: a period start. */
  readonly effectiveFromMs: number
  readonly createdAtMs: number
}

/** The rule fields HQ may bound for its branches (SPEC §1), as dotted paths into the rule set. */
export const BOUNDED_FIELDS = [
  'poolRatio',
  'reserveRatio',
  'staffRatio',
  'fenPerShare',
  'freezeDays',
  'weights.own',
  'weights.referred',
  'weights.interaction',
  'withdrawal.feeRatio',
  'withdrawal.minFen',
] as const
export type BoundedField = (typeof BOUNDED_FIELDS)[number]

const boundSchema = z
  .object({ min: z.number().finite().optional(), max: z.number().finite().optional() })
  .strict()
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, { message: 'min above max' })

export const ruleBoundsSchema = z.partialRecord(z.enum(BOUNDED_FIELDS), boundSchema)
export type RuleBounds = z.infer<typeof ruleBoundsSchema>
