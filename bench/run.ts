/**
 * `npm run bench -- <name>`: runs one benchmark. Each prints its figures and ends with one line
 * `RESULT <name> <json>`, ratios taken against a baseline measured in the same run.
 */
import { benchAllocate } from './allocate'
import { benchCapture } from './capture'
import { benchSettle } from './settle'
import { benchUi } from './ui'

const BENCHES: Record<string, () => Promise<void> | void> = {
  allocate: benchAllocate,
  capture: benchCapture,
  settle: benchSettle,
  ui: benchUi,
}

async function main(): Promise<void> {
  const name = process.argv[2]
  const bench = name ? BENCHES[name] : undefined
  if (!bench) {
    console.error(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`)
    process.exit(2)
  }
  await bench()
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
