import { FUNCTIONS } from '../server/functions'
import { ERROR_MESSAGES_ZH } from '../types/errors'

/**
 * The README's tables of actions and error codes, generated from the zod schemas and types/errors.ts so
 * the documentation cannot drift from the code (a test compares them). Print with `npm run docs:actions`.
 */
function fieldsOf(schema: unknown): string {
  const s = schema as { shape?: Record<string, { safeParse: (v: unknown) => { success: boolean } }>; options?: unknown[]; def?: { options?: unknown[] } }
  if (s.shape) {
    return Object.entries(s.shape)
      .map(([name, field]) => (field.safeParse(undefined).success ? `${name}?` : name))
      .join(', ')
  }
  const options = s.options ?? s.def?.options
  if (Array.isArray(options)) return options.map((o) => `{${fieldsOf(o)}}`).join(' \\| ')
  return ''
}

export function actionsMarkdown(): string {
  const lines = ['| function | action | input (? = optional) |', '| --- | --- | --- |']
  for (const [fn, actions] of Object.entries(FUNCTIONS)) {
    for (const [name, action] of Object.entries(actions)) lines.push(`| ${fn} | ${name} | ${fieldsOf(action.input) || '—'} |`)
  }
  return lines.join('\n')
}

export function errorsMarkdown(): string {
  const lines = ['| error code | shown to people |', '| --- | --- |']
  for (const [code, message] of Object.entries(ERROR_MESSAGES_ZH)) lines.push(`| \`${code}\` | ${message} |`)
  return lines.join('\n')
}
