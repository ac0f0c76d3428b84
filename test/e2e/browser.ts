import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

/** Debian's chromium, installed by .ci/run (TOOLCHAIN.md); the browser tests skip, saying so, without it. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const hasChromium = existsSync(CHROMIUM)

export const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts', 'screenshots')

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']

/** A phone-sized browser signed in as one demo person (the dev login cookie of the local host). */
export async function personBrowser(baseUrl: string, openid: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(mkdtempSync(path.join(os.tmpdir(), 'smd-chrome-')), {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    locale: 'zh-CN',
  })
  await context.addCookies([{ name: 'dev_openid', value: openid, url: baseUrl }])
  const page = context.pages()[0] ?? (await context.newPage())
  return { context, page }
}

/** Opens a page of the H5 app (hash router) and waits until its content has rendered. */
export async function open(page: Page, baseUrl: string, route: string, ready: string): Promise<void> {
  await page.goto(`${baseUrl}/#${route}`)
  await page.getByText(ready, { exact: false }).first().waitFor({ timeout: 30_000 })
}

export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true })
}

/** A NutUI button by its exact label: clicked on its host element (the label inside does not take the click). */
export function button(scope: Page | ReturnType<Page['locator']>, label: string) {
  return scope.locator('.nut-button').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).first()
}
