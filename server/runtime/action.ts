import type { z } from 'zod'
import type { ServiceContext } from './context'

/**
 * One action of a cloud function: its input schema (zod, applied at the edge) and its handler. The handler
 * receives parsed input only; identity comes from the context.
 */
export interface Action<S extends z.ZodType, R> {
  readonly input: S
  readonly handler: (ctx: ServiceContext, input: z.output<S>) => Promise<R>
}

export function action<S extends z.ZodType, R>(input: S, handler: (ctx: ServiceContext, input: z.output<S>) => Promise<R>): Action<S, R> {
  return { input, handler }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ActionMap = Readonly<Record<string, Action<any, unknown>>>
