import { Current } from '@tarojs/runtime'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { SessionFixture, type Me, type Session, type StoreRoleName } from '../../src/lib/session'
import { setSender } from '../../src/lib/transport'
import type { Envelope } from '../../types/envelope'
import { ERROR_MESSAGES_ZH, type ErrorCode } from '../../types/errors'

export type Answer = unknown | { error: ErrorCode } | ((input: Record<string, unknown>) => unknown)

/** Every call the page made, as `function.action` with its input. */
export interface Wire {
  readonly calls: { name: string; input: Record<string, unknown> }[]
  answers: Record<string, Answer>
}

/**
 * Renders a page with a fixed session and a fake wire: `answers['member.home']` is the data (or
 * `{ error: code }`, or a function of the input) each action answers with.
 */
export function renderPage(page: ReactElement, options: { answers: Record<string, Answer>; role?: StoreRoleName | null; me?: Partial<Me>; params?: Record<string, string> }) {
  const wire: Wire = { calls: [], answers: options.answers }
  ;(Current as unknown as { router: unknown }).router = { params: options.params ?? {}, path: '/pages/test/index', onReady: '', onHide: '', onShow: '' }
  setSender(async (fn, event) => {
    const { action, ...input } = event as { action: string }
    const name = `${fn}.${action}`
    wire.calls.push({ name, input })
    const answer = wire.answers[name]
    if (answer === undefined) throw new Error(`no answer for ${name}`)
    const value = typeof answer === 'function' ? (answer as (i: Record<string, unknown>) => unknown)(input) : answer
    if (value && typeof value === 'object' && 'error' in value) {
      const code = (value as { error: ErrorCode }).error
      return { ok: false, code, message: ERROR_MESSAGES_ZH[code] } as Envelope<unknown>
    }
    return { ok: true, data: value } as Envelope<unknown>
  })
  const session: Session = {
    storeId: 'st_demo',
    me: { signedIn: true, roles: options.role ? [{ storeId: 'st_demo', storeName: '街角咖啡', role: options.role }] : [], chains: [], isMember: true, ...options.me },
    ready: true,
    role: options.role ?? null,
    setStoreId: () => undefined,
    refresh: async () => undefined,
  }
  const view = render(<SessionFixture value={session}>{page}</SessionFixture>)
  return { ...view, wire }
}

/** The label inside a NutUI button takes no click in the browser, but in jsdom the event bubbles to it. */
export const called = (wire: Wire, name: string) => wire.calls.filter((c) => c.name === name)
