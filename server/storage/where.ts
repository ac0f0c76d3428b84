import type { Comparison, Scalar, Where } from './types'

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/

/** Field names become SQL and query keys: only plain identifiers and dotted paths are accepted. */
export function isField(field: string): boolean {
  return FIELD_RE.test(field)
}

export function assertField(field: string): void {
  if (!isField(field)) throw new RangeError(`bad field name: ${field}`)
}

export function isComparison(value: Scalar | Comparison): value is Comparison {
  return typeof value === 'object' && value !== null
}

/** The comparisons of one where-entry, equality included, as [operator, operand] pairs. */
export function comparisons(value: Scalar | Comparison): [keyof Comparison, Comparison[keyof Comparison]][] {
  if (!isComparison(value)) return [['eq', value]]
  const ops = Object.entries(value).filter(([, v]) => v !== undefined) as [keyof Comparison, Comparison[keyof Comparison]][]
  if (ops.length === 0) throw new RangeError('empty comparison')
  return ops
}

export function whereEntries(where: Where): [string, Scalar | Comparison][] {
  const entries = Object.entries(where)
  for (const [field] of entries) assertField(field)
  return entries
}
