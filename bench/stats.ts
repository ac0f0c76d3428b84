import { closeSync, copyFileSync, fsyncSync, openSync } from 'node:fs'
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** A small seeded PRNG (mulberry32), so a benchmark's data is the same on every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const round = (x: number, digits = 1) => Number(x.toFixed(digits))

/**
 * A copy of a bench database, flushed to disk before anything is timed: otherwise the kernel writes the
 * copy's gigabytes back during the timed run, and the figures measure that instead (seen: 80 s → 105 s).
 */
export function copyForRun(from: string, to: string): void {
  copyFileSync(from, to)
  const fd = openSync(to, 'r+')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
