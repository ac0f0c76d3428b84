/**
 * Seeds for randomized tests: from FC_SEED (or TEST_SEED) when set, so a failure reproduces; else fresh.
 * Every property test prints the seed it used.
 */
export function testSeed(name: string): number {
  const fromEnv = process.env.FC_SEED ?? process.env.TEST_SEED
  const seed = fromEnv !== undefined ? Number(fromEnv) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0
  console.log(`[seed] ${name}: ${seed}  (rerun with FC_SEED=${seed})`)
  return seed
}
