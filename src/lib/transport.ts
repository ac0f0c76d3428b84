import Taro from '@tarojs/taro'
import type { Envelope } from '../../types/envelope'
import { ERROR_MESSAGES_ZH, type ErrorCode } from '../../types/errors'

export type FunctionName = 'checkout' | 'member' | 'wallet' | 'admin'

/** A failed call: a named error code from `types/errors.ts`, or `network` when no answer came back. */
export class CallError extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
  ) {
    super(message)
  }
}

export const NETWORK_MESSAGE_ZH = '网络不太好，请稍后重试'

/** The plain Chinese for any error a call can end in. */
export function messageOf(error: unknown): string {
  if (error instanceof CallError) return error.message
  return ERROR_MESSAGES_ZH.internal
}

/** Waits between attempts when no answer came back; the same input (and its request id) is sent again. */
const RETRY_DELAYS_MS = [400, 1200]

type Sender = (fn: FunctionName, event: Record<string, unknown>) => Promise<Envelope<unknown>>

/** weapp: the cloud function, identity from the WeChat context. */
const cloudSender: Sender = async (fn, event) => {
  const res = await Taro.cloud.callFunction({ name: fn, data: event })
  return res.result as Envelope<unknown>
}

/** H5 (local mode): the local host's `POST /fn/<function>`; the dev login cookie names the caller. */
const httpSender: Sender = async (fn, event) => {
  const res = await fetch(`/fn/${fn}`, { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: JSON.stringify(event) })
  return (await res.json()) as Envelope<unknown>
}

let sender: Sender = process.env.TARO_ENV === 'weapp' ? cloudSender : httpSender

/** Tests replace the wire. */
export function setSender(next: Sender): void {
  sender = next
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Calls one action of one cloud function and returns its data, or throws a CallError with the message to
 * show. Only failures with no answer are retried — with the identical input, so writes keyed by a
 * client-made request id (withdrawals, refunds) cannot happen twice.
 */
export async function callFn<T>(fn: FunctionName, action: string, input: Record<string, unknown> = {}): Promise<T> {
  const event = { action, ...input }
  for (let attempt = 0; ; attempt++) {
    let envelope: Envelope<unknown>
    try {
      envelope = await sender(fn, event)
    } catch {
      if (attempt < RETRY_DELAYS_MS.length) {
        await sleep(RETRY_DELAYS_MS[attempt] as number)
        continue
      }
      throw new CallError('network', NETWORK_MESSAGE_ZH)
    }
    if (envelope && envelope.ok) return envelope.data as T
    const code = (envelope && !envelope.ok && envelope.code) || 'internal'
    throw new CallError(code, ERROR_MESSAGES_ZH[code] ?? ERROR_MESSAGES_ZH.internal)
  }
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** An idempotency key made on the phone before the first attempt (not a secret: 95 bits of randomness). */
export function newRequestId(): string {
  let out = ''
  for (let i = 0; i < 16; i++) out += ALPHABET[Math.floor(Math.random() * 62)]
  return out
}
