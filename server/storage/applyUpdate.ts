import type { Doc, UpdateSpec } from './types'
import { assertField } from './where'

/**
 * Applies an UpdateSpec to a document in memory (set creates missing parent objects; inc treats a missing
 * field as 0). `_id` can never change. Returns a new object; the input is not modified — unless `inPlace`
 * says the caller owns it (a document just parsed from storage), which saves a deep copy per update.
 */
export function applyUpdate<T extends Doc>(doc: T, spec: UpdateSpec, inPlace = false): T {
  const out = (inPlace ? doc : structuredClone(doc)) as Record<string, unknown>
  const touched = new Set<string>()
  const claim = (field: string) => {
    assertField(field)
    if (field === '_id' || field.startsWith('_id.')) throw new RangeError('_id cannot be updated')
    if (touched.has(field)) throw new RangeError(`field ${field} updated twice in one spec`)
    touched.add(field)
  }
  for (const [field, value] of Object.entries(spec.set ?? {})) {
    claim(field)
    if (value === undefined) throw new RangeError(`set ${field} to undefined: use unset`)
    const { parent, key } = locate(out, field, true)
    parent[key] = structuredClone(value)
  }
  for (const [field, delta] of Object.entries(spec.inc ?? {})) {
    claim(field)
    if (!Number.isFinite(delta)) throw new RangeError(`inc ${field} by ${delta}`)
    const { parent, key } = locate(out, field, true)
    const current = parent[key] ?? 0
    if (typeof current !== 'number') throw new RangeError(`inc on non-number field ${field}`)
    parent[key] = current + delta
  }
  for (const field of spec.unset ?? []) {
    claim(field)
    const { parent, key } = locate(out, field, false)
    if (parent) delete parent[key]
  }
  return out as T
}

function locate(root: Record<string, unknown>, field: string, create: true): { parent: Record<string, unknown>; key: string }
function locate(root: Record<string, unknown>, field: string, create: false): { parent: Record<string, unknown> | null; key: string }
function locate(root: Record<string, unknown>, field: string, create: boolean) {
  const parts = field.split('.')
  const key = parts.pop() as string
  let node: Record<string, unknown> = root
  for (const part of parts) {
    let next = node[part]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      if (!create) return { parent: null, key }
      next = {}
      node[part] = next
    }
    node = next as Record<string, unknown>
  }
  return { parent: node, key }
}

/** A field's value by dotted path, or undefined. */
export function readPath(doc: unknown, field: string): unknown {
  return readParts(doc, field.split('.'))
}

/** The same, for a path already split (callers that read the same fields of many documents). */
export function readParts(doc: unknown, parts: readonly string[]): unknown {
  let node: unknown = doc
  for (const part of parts) {
    if (typeof node !== 'object' || node === null) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return node
}
