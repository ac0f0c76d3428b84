import type { ErrorCode } from './errors'

/** What every cloud function returns for every action: data, or a named error with its Chinese message. */
export type Envelope<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly code: ErrorCode; readonly message: string; readonly issues?: readonly string[] }

/** Every event names its action; the rest is the action's input. */
export interface ActionEvent {
  readonly action: string
  readonly [field: string]: unknown
}
