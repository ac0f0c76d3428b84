import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { LocalHost } from '../server/local/childHost'
import { hasChromium, personBrowser } from '../test/e2e/browser'
import { round } from './stats'

const ROOT = path.resolve(__dirname, '..')
const RUNS = 5

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

const kb = (bytes: number) => round(bytes / 1024, 1)

function ensureBuilt(target: 'weapp' | 'h5', marker: string): void {
  if (existsSync(path.join(ROOT, 'dist', target, marker))) return
  console.log(`building dist/${target}…`)
  const r = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', target], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } })
  if (r.status !== 0) throw new Error(`taro build --type ${target} failed`)
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

/**
 * Package sizes of the builds and the member home's first contentful paint in headless chromium on
 * loopback (median of 5 cold loads), with a one-line static page's FCP in the same browser as the baseline.
 */
export async function benchUi(): Promise<void> {
  ensureBuilt('weapp', 'app.js')
  ensureBuilt('h5', 'index.html')
  const weapp = path.join(ROOT, 'dist', 'weapp')
  const all = filesUnder(weapp)
  const main = all.filter((f) => !path.relative(weapp, f).startsWith('packages' + path.sep))
  const size = (fs: string[]) => fs.reduce((s, f) => s + statSync(f).size, 0)
  const h5Js = filesUnder(path.join(ROOT, 'dist', 'h5')).filter((f) => f.endsWith('.js'))
  const h5Gz = h5Js.reduce((s, f) => s + gzipSync(readFileSync(f), { level: 9 }).length, 0)
  console.log(`weapp main package ${kb(size(main))} KB, total ${kb(size(all))} KB; H5 JavaScript ${kb(h5Gz)} KB gzipped (${h5Js.length} files)`)

  if (!hasChromium) throw new Error('no chromium at /usr/bin/chromium: install it (apt-get install chromium) or set CHROMIUM_PATH')
  const host = new LocalHost()
  await host.start({ SEED: '1', NO_H5: '0', SKIP_BUILD: '1' })
  const base = `http://127.0.0.1:${host.port}`
  const fcp: number[] = []
  const baseline: number[] = []
  try {
    for (let i = 0; i < RUNS; i++) {
      const { context, page } = await personBrowser(base, 'demo_member_02')
      await page.goto(`${base}/#/pages/home/index`)
      await page.getByText('我的股份').waitFor({ timeout: 30_000 })
      fcp.push(await paint(page))
      // The baseline: a one-line static page, its own navigation in the same browser.
      await page.goto(`data:text/html;charset=utf-8,${encodeURIComponent('<p style="font-size:24px">门店会员分红</p>')}`)
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0)
      baseline.push(await paint(page))
      await context.close()
    }
  } finally {
    await host.stop()
    host.cleanup()
  }
  const fcpMs = round(median(fcp), 1)
  const baselineFcpMs = round(median(baseline), 1)
  console.log(`member home FCP ${fcp.map((x) => round(x, 1)).join(', ')} ms; static page ${baseline.map((x) => round(x, 1)).join(', ')} ms`)
  console.log(
    `RESULT ui ${JSON.stringify({ weappMainKb: kb(size(main)), weappTotalKb: kb(size(all)), h5JsKb: kb(h5Gz), fcpMs, baselineFcpMs, ratio: round(fcpMs / baselineFcpMs, 2) })}`,
  )
}

async function paint(page: import('playwright-core').Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN)
}
