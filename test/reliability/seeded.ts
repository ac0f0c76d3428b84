import { testSeed } from '../support/seed'

/** A seeded PRNG for randomized fault tests; the seed is printed so a failure can be replayed. */
export function seededRandom(name: string) {
  const seed = testSeed(name)
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { seed, next, int: (n: number) => Math.floor(next() * n) }
}
