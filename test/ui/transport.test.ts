/**
 * @jest-environment jsdom
 */
import { callFn, CallError, NETWORK_MESSAGE_ZH, setSender } from '../../src/lib/transport'
import { ERROR_CODES, ERROR_MESSAGES_ZH } from '../../types/errors'

jest.useFakeTimers()

async function settle<T>(p: Promise<T>): Promise<T> {
  // Let the retry delays pass.
  for (let i = 0; i < 10; i++) await jest.advanceTimersByTimeAsync(2_000)
  return p
}

test('a lost answer is retried with the identical event (so its request id makes it one write)', async () => {
  const events: unknown[] = []
  let n = 0
  setSender(async (_fn, event) => {
    events.push(event)
    if (++n < 3) throw new TypeError('Failed to fetch')
    return { ok: true, data: { status: 'pending' } }
  })
  await expect(settle(callFn('wallet', 'requestWithdrawal', { storeId: 's', amountFen: 100, requestId: 'r1234567' }))).resolves.toEqual({ status: 'pending' })
  expect(events).toHaveLength(3)
  expect(new Set(events.map((e) => JSON.stringify(e))).size).toBe(1)
})

test('no answer after the retries: the network message', async () => {
  setSender(async () => {
    throw new TypeError('Failed to fetch')
  })
  const p = callFn('member', 'home', {}).catch((e: unknown) => e)
  const error = await settle(p)
  expect(error).toBeInstanceOf(CallError)
  expect((error as CallError).code).toBe('network')
  expect((error as CallError).message).toBe(NETWORK_MESSAGE_ZH)
})

test('an answered error is not retried and carries the catalog’s Chinese', async () => {
  let calls = 0
  setSender(async () => {
    calls++
    return { ok: false, code: 'withdrawal_daily_limit', message: 'x' }
  })
  const error = (await callFn('wallet', 'requestWithdrawal', {}).catch((e: unknown) => e)) as CallError
  expect(calls).toBe(1)
  expect(error.code).toBe('withdrawal_daily_limit')
  expect(error.message).toBe('超过今日提现额度')
})

test('every error code has plain Chinese to show', () => {
  for (const code of ERROR_CODES) expect(ERROR_MESSAGES_ZH[code]).toMatch(/[\u4e00-\u9fa5]/)
})
