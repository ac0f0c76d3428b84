import type { Fen, ShareUnits } from '../../types/money'
import { UNITS_PER_SHARE } from '../../types/money'

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** ¥1,234.56 (and -¥12.30): integer fen to display text, without ever dividing as a float. */
export function formatFen(amountFen: Fen): string {
  if (!Number.isSafeInteger(amountFen)) throw new RangeError(`not an amount in fen: ${amountFen}`)
  const sign = amountFen < 0 ? '-' : ''
  const abs = Math.abs(amountFen)
  const yuan = Math.floor(abs / 100)
  const fen = abs % 100
  return `${sign}¥${groupThousands(String(yuan))}.${String(fen).padStart(2, '0')}`
}

/** 1234.56 without the symbol or grouping, for inputs and CSV. */
export function formatYuanPlain(amountFen: Fen): string {
  return formatFen(amountFen).replace('¥', '').replace(/,/g, '')
}

/**
 * Reads what a person typed as yuan ("12", "12.3", "12.30", "¥1,234.56") into fen, or null when it is not
 * a plain non-negative amount with at most two decimals. Parsed as text: no float is ever involved.
 */
export function parseYuan(text: string): Fen | null {
  const cleaned = text.trim().replace(/^¥/, '').replace(/,/g, '')
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(cleaned)
  if (!match) return null
  const yuan = Number(match[1])
  const fen = Number((match[2] ?? '').padEnd(2, '0'))
  return yuan * 100 + fen
}

/** Share labels (SPEC §3): 分红/股 by default, 返利/积分 when the store prefers it. */
export type LabelStyle = 'dividend' | 'rebate'

export function shareUnitLabel(style: LabelStyle): string {
  return style === 'rebate' ? '积分' : '股'
}

export function dividendLabel(style: LabelStyle): string {
  return style === 'rebate' ? '返利' : '分红'
}

/** 12.3456 股: share units (0.0001 股) with exactly four decimals. */
export function formatShares(units: ShareUnits, style: LabelStyle = 'dividend'): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not a share count: ${units}`)
  const sign = units < 0 ? '-' : ''
  const abs = Math.abs(units)
  const whole = Math.floor(abs / UNITS_PER_SHARE)
  const frac = abs % UNITS_PER_SHARE
  return `${sign}${groupThousands(String(whole))}.${String(frac).padStart(4, '0')} ${shareUnitLabel(style)}`
}

/**
 * part / whole as a percentage with `digits` decimals (display only), e.g. 12.35%. Arguments may be
 * bigint or decimal strings, because a settlement's total index can pass 2^53. Rounds half up.
 */
export function formatPercent(part: bigint | number | string, whole: bigint | number | string, digits = 2): string {
  const p = BigInt(part)
  const w = BigInt(whole)
  if (w <= 0n) return '0%'
  // Not `10n ** x`: build targets transpile `**` to Math.pow, which throws on BigInt.
  const scale = BigInt(`1${'0'.repeat(digits)}`)
  const scaled = (p * 100n * scale * 2n + w) / (2n * w)
  const intPart = scaled / scale
  const fracPart = scaled % scale
  return digits > 0 ? `${intPart}.${fracPart.toString().padStart(digits, '0')}%` : `${intPart}%`
}
