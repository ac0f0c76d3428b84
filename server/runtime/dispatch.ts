import { ERROR_MESSAGES_ZH } from '../../types/errors'
import type { Envelope } from '../../types/envelope'
import { AppError } from './appError'
import type { ActionMap } from './action'
import type { ServiceContext } from './context'

const MAX_ISSUES = 5

/**
 * Runs one event against a function's actions: unknown action or bad input → invalid_input (nothing runs);
 * an AppError → its code; anything else → internal, logged with the request id. Never throws.
 */
export async function dispatch(actions: ActionMap, event: unknown, ctx: ServiceContext): Promise<Envelope<unknown>> {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return failure('invalid_input', ['event must be an object'])
  const { action: name, ...rest } = event as Record<string, unknown>
  if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(actions, name)) {
    return failure('invalid_input', [`unknown action ${typeof name === 'string' ? name.slice(0, 40) : typeof name}`])
  }
  const act = actions[name]!
  const parsed = act.input.safeParse(rest)
  if (!parsed.success) {
    return failure(
      'invalid_input',
      (parsed.error.issues as { path: PropertyKey[]; message: string }[]).slice(0, MAX_ISSUES).map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`),
    )
  }
  try {
    return { ok: true, data: await act.handler(ctx, parsed.data) }
  } catch (err) {
    if (err instanceof AppError) return failure(err.code, undefined)
    console.error(`[${ctx.requestId}] ${name} failed:`, err)
    return failure('internal', undefined)
  }
}

function failure(code: keyof typeof ERROR_MESSAGES_ZH, issues: readonly string[] | undefined): Envelope<never> {
  return issues ? { ok: false, code, message: ERROR_MESSAGES_ZH[code], issues } : { ok: false, code, message: ERROR_MESSAGES_ZH[code] }
}
