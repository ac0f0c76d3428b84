import { createHmac } from 'node:crypto'
import { checkPosSignature, POS_WINDOW_MS, posSignature } from '../../domain/checkout/posSignature'
import { nodeCrypto } from '../support/nodeCrypto'

describe('POS request signature (SPEC §1)', () => {
  const secret = 'pos-secret'
  const body = '{"amountFen":8800}'
  const now = 1_800_000_000_000

  test('a fixed vector: HMAC-SHA256 over "timestamp\\nbody", lowercase hex', () => {
    expect(posSignature(nodeCrypto, secret, now, body)).toBe(
      createHmac('sha256', secret).update(`${now}\n${body}`).digest('hex'),
    )
  })

  test.each([
    ['valid', now, body, undefined, 'ok'],
    ['5 minutes old is still inside', now - POS_WINDOW_MS, body, undefined, 'ok'],
    ['older than 5 minutes', now - POS_WINDOW_MS - 1, body, undefined, 'stale'],
    ['from the future beyond 5 minutes', now + POS_WINDOW_MS + 1, body, undefined, 'stale'],
    ['body altered', now, '{"amountFen":88000}', posSignature(nodeCrypto, secret, now, body), 'bad_signature'],
    ['timestamp altered', now + 1, body, posSignature(nodeCrypto, secret, now, body), 'bad_signature'],
    ['not hex', now, body, 'zz', 'bad_signature'],
    ['not a number', Number.NaN, body, undefined, 'stale'],
  ] as const)('%s → %s', (_name, ts, sentBody, signature, expected) => {
    const sig = signature ?? posSignature(nodeCrypto, secret, ts, sentBody)
    expect(checkPosSignature(nodeCrypto, secret, ts, sentBody, sig, now)).toBe(expected)
  })
})
