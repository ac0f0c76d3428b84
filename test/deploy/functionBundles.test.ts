import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { buildFunctions } from '../../scripts/build-functions'

/**
 * The bundles `npm run deploy` uploads: each loads on its own (only the platform SDK left external) and
 * exports `main`; WeChat Pay's client is only in the functions that pay out, so the hot ones start lighter.
 */
let dir: string
let bundles: Record<string, string>

beforeAll(async () => {
  // Inside the project, so a bundle resolves the platform SDK from node_modules as it does once deployed.
  const parent = path.resolve(__dirname, '..', '..', 'dist')
  mkdirSync(parent, { recursive: true })
  dir = mkdtempSync(path.join(parent, 'functions-test-'))
  bundles = await buildFunctions(dir, () => {})
}, 60_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

test('every cloud function bundles, loads and exports main', () => {
  expect(Object.keys(bundles).sort()).toEqual(['admin', 'checkout', 'member', 'pos', 'settlement', 'wallet'])
  for (const file of Object.values(bundles)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loaded = require(file) as { main?: unknown }
    expect(typeof loaded.main).toBe('function')
  }
})

test('only the functions that pay out require the WeChat Pay client, and list it for CloudBase to install', () => {
  const needs = (name: string) => {
    const pkg = JSON.parse(readFileSync(path.join(path.dirname(bundles[name]!), 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
    const listed = 'wechatpay-axios-plugin' in pkg.dependencies
    const required = readFileSync(bundles[name]!, 'utf8').includes('require("wechatpay-axios-plugin")')
    expect(listed).toBe(required)
    expect(pkg.dependencies['@cloudbase/node-sdk']).toBeDefined()
    return required
  }
  expect(['admin', 'wallet', 'settlement'].filter(needs)).toEqual(['admin', 'wallet', 'settlement'])
  expect(['checkout', 'member', 'pos'].filter(needs)).toEqual([])
})
