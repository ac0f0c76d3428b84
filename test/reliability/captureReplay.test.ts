import { checkoutActions, type CaptureResult } from '../../server/services/checkout'
import { auditInvariants } from '../../server/services/auditInvariants'
import type { CodeDoc, PurchaseDoc } from '../../server/model'
import { Harness } from '../support/harness'
import { newCode, openStore } from '../support/store'
import { seededRandom } from './seeded'

jest.setTimeout(120_000)

describe('capture under replay and races', () => {
  test('10,000 replayed captures: exactly one purchase per code, and every replay answers the original', async () => {
    const rnd = seededRandom('10k replayed captures')
    const h = new Harness('2026-10-15T02:00:00Z', { rehearse: false })
    const { storeId } = await openStore(h)
    const codes: { token: string; codeKey: string }[] = []
    for (let i = 0; i < 200; i++) codes.push(await newCode(h, storeId, 500 + rnd.int(50_000)))
    const people = Array.from({ length: 20 }, (_, i) => `o_replayer_${i}`)
    const firstResult = new Map<string, CaptureResult>()
    let calls = 0
    while (calls < 10_000) {
      // Bursts of 100 concurrent calls on random codes by random people, mostly repeats.
      const burst = Array.from({ length: 100 }, () => {
        const code = codes[rnd.int(codes.length)]!
        const who = people[rnd.int(people.length)]!
        return h.call<CaptureResult>(checkoutActions, "capture", { token: code.token, offsetFen: 0 }, who).then((r) => ({ r, code }))
      })
      for (const { r, code } of await Promise.all(burst)) {
        calls++
        if (!r.ok) {
          expect(r.code).toBe('code_already_claimed')
          continue
        }
        const key = `${code.codeKey}`
        const first = firstResult.get(key)
        if (!first) firstResult.set(key, { ...r.data, replayed: false })
        else expect({ ...r.data, replayed: false }).toEqual(first)
      }
    }
    const purchases = await h.storage.count('purchases', {})
    expect(purchases).toBe(firstResult.size)
    for (const code of codes) {
      const doc = await h.storage.get<CodeDoc>('codes', code.codeKey)
      const purchase = await h.storage.get<PurchaseDoc>('purchases', `p:${code.codeKey}`)
      if (doc!.status === 'claimed') expect(purchase?.memberId).toBe(doc!.claimedByMemberId)
      else expect(purchase).toBeNull()
    }
    expect((await auditInvariants(h.context(null))).breaches).toEqual([])
    await h.close()
  })

  test('two members racing for one code: exactly one wins, the other is told it is claimed', async () => {
    const h = new Harness('2026-10-15T02:00:00Z', { rehearse: false })
    const { storeId } = await openStore(h)
    for (let i = 0; i < 200; i++) {
      const code = await newCode(h, storeId, 1_000 + i)
      const [a, b] = await Promise.all([
        h.call(checkoutActions, 'capture', { token: code.token }, 'o_racer_a'),
        h.call(checkoutActions, 'capture', { token: code.token }, 'o_racer_b'),
      ])
      expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1)
      const loser = a.ok ? b : a
      expect(loser).toMatchObject({ ok: false, code: 'code_already_claimed' })
    }
    expect(await h.storage.count('purchases', {})).toBe(200)
    await h.close()
  })
})
