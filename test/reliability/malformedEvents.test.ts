import fc from 'fast-check'
import { FUNCTIONS } from '../../server/functions'
import { dispatch } from '../../server/runtime/dispatch'
import { CountingStorage } from '../../server/storage/countingStorage'
import { ERROR_CODES } from '../../types/errors'
import { Harness } from '../support/harness'
import { openStore } from '../support/store'
import { testSeed } from '../support/seed'

jest.setTimeout(300_000)

/**
 * For every action of every function: at least 1,000 malformed events (wrong types, missing and unknown
 * fields, hostile strings, deep junk) each get a typed error and write nothing; nothing crashes into
 * `internal`. Callers are a real owner (so authorization is not what stops them).
 */
describe('malformed events', () => {
  let counting!: CountingStorage
  let h: Harness
  let storeId: string
  beforeAll(async () => {
    h = new Harness('2026-10-15T02:00:00Z', { rehearse: false, wrap: (s) => (counting = new CountingStorage(s)) })
    storeId = (await openStore(h)).storeId
  })
  afterAll(() => h.close())

  const hostile = fc.oneof(
    fc.constantFrom('', ' ', '\u0000', '../../etc/passwd', "x') OR 1=1 --", '$where', '__proto__', 'constructor', '𠀀'.repeat(40), 'a'.repeat(5000)),
    fc.string(),
  )
  const junk = fc.oneof(fc.anything(), hostile, fc.double(), fc.bigInt().map(String), fc.constant(Number.NaN), fc.constant(-1), fc.constant(1e300))
  // Events built around each action's field names, with every value replaced by junk, plus wholly random objects.
  const malformedFor = (fields: string[]) =>
    fc.oneof(
      fc.record(Object.fromEntries(fields.map((f) => [f, junk])), { requiredKeys: [] }),
      fc.dictionary(fc.oneof(hostile, fc.constantFrom(...(fields.length ? fields : ['x']))), junk, { maxKeys: 6 }),
      fc.record({ extra: junk }),
    )

  const seed = testSeed('malformed events')
  for (const [fnName, actions] of Object.entries(FUNCTIONS)) {
    for (const [actionName, act] of Object.entries(actions)) {
      test(`${fnName}.${actionName}`, async () => {
        const shape = (act.input as { shape?: Record<string, unknown> }).shape ?? {}
        const fields = Object.keys(shape)
        let rejected = 0
        await fc.assert(
          fc.asyncProperty(malformedFor(fields), async (payload) => {
            const event = { ...(payload as Record<string, unknown>), action: actionName }
            if (act.input.safeParse({ ...(payload as Record<string, unknown>) }).success) return // valid by chance
            counting.reset()
            const result = await dispatch(actions, event, h.context('o_owner_demo'))
            expect(result.ok).toBe(false)
            if (!result.ok) {
              expect(ERROR_CODES).toContain(result.code)
              expect(result.code).not.toBe('internal')
            }
            expect(counting.counts.writes).toBe(0)
            rejected++
          }),
          // More runs than needed: for actions whose fields are all optional, some events are valid by chance.
          { seed, numRuns: 1_500 },
        )
        expect(rejected).toBeGreaterThanOrEqual(1_000)
      })
    }
  }

  test('events that are not objects, or name no known action', async () => {
    for (const event of [null, undefined, 42, 'capture', [], [{ action: 'capture' }], { action: 'nope' }, { action: '__proto__' }, { action: 'constructor' }, { action: 'toString' }]) {
      counting.reset()
      const result = await dispatch(FUNCTIONS.checkout, event, h.context('o_owner_demo'))
      expect(result).toMatchObject({ ok: false, code: 'invalid_input' })
      expect(counting.counts.writes).toBe(0)
    }
    void storeId
  })
})
