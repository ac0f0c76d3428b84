import type { Storage } from '../storage/types'

/**
 * Local mode's clock offset (SPEC §2): stored in the database so every local host process agrees, read
 * through a one-second cache so a request costs no extra read. Absent from production: only the local host
 * imports this file.
 */
const DOC_ID = 'devclock'
const CACHE_MS = 1_000

interface ClockDoc {
  readonly _id: string
  readonly offsetMs: number
}

let cache: { offsetMs: number; readAt: number } | null = null

export async function clockOffsetMs(storage: Storage): Promise<number> {
  const now = Date.now()
  if (cache && now - cache.readAt < CACHE_MS) return cache.offsetMs
  const doc = await storage.get<ClockDoc>('counters', DOC_ID)
  cache = { offsetMs: doc?.offsetMs ?? 0, readAt: now }
  return cache.offsetMs
}

export async function setClockOffsetMs(storage: Storage, offsetMs: number): Promise<void> {
  if (!Number.isSafeInteger(offsetMs)) throw new RangeError('offset must be an integer of ms')
  await storage.transaction((tx) => tx.set<ClockDoc>('counters', { _id: DOC_ID, offsetMs }))
  cache = { offsetMs, readAt: Date.now() }
}
