/**
 * @jest-environment jsdom
 */
/**
 * Smoke test of the real mini-program build (`dist/weapp`) in miniprogram-simulate: WeChat's own template
 * compiler (wcc/wcsc) renders three pages; `wx.cloud.callFunction` answers from a fake backend. Skipped,
 * saying so, when the weapp build is missing (`npm run build:weapp`; .ci/run builds it first).
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { HOME } from '../support/uiFixtures'

const ROOT = path.resolve(__dirname, '..', '..', 'dist', 'weapp')
const built = existsSync(path.join(ROOT, 'app.js'))
if (!built) console.log('weapp smoke test skipped: no dist/weapp build (run npm run build:weapp)')
const describeBuilt = built ? describe : describe.skip

const STORE = 'st_demo'
const ANSWERS: Record<string, unknown> = {
  'member.whoAmI': { signedIn: true, roles: [{ storeId: STORE, storeName: '街角咖啡', role: 'owner' }], chains: [], isMember: true },
  'member.home': HOME,
  'wallet.myLedger': { balances: { availableFen: 5_000, heldFen: 0, frozenFen: 0 }, entries: [], next: null },
  'wallet.myWithdrawals': { withdrawals: [], transferApp: null },
  'member.rules': {
    inForce: { version: 1, rules: { withdrawal: { minFen: 1_000, maxPerDayFen: 500_000, feeRatio: 0 } }, effectiveFromMs: 0 },
    upcoming: [],
    history: [],
    disclosure: '分红来源于门店利润，不保证收益',
  },
  'admin.dashboard': {
    storeName: '街角咖啡',
    periodId: '2026Q4',
    previousPeriodId: '2026Q3',
    previousStatus: 'settled',
    nowMs: 0,
    members: 60,
    growth: [{ weekEndMs: Date.parse('2026-12-04T02:00:00Z'), joined: 3 }],
    revenue: [{ weekEndMs: Date.parse('2026-12-04T02:00:00Z'), capturedFen: 1_234_500 }],
    capturedFen: 1_234_500,
    poolEstimateFen: 50_000,
    reserveFen: 45_000,
    liabilitiesFen: 40_000,
    lastCoverage: 0.05,
    alerts: [],
  },
}

const calls: string[] = []
const storage = new Map<string, unknown>([['smd.storeId', STORE]])

/** The wx APIs Taro's runtime and our pages touch, as a phone would answer them. */
function installWx(): void {
  const sys = { platform: 'devtools', pixelRatio: 2, windowWidth: 375, windowHeight: 812, screenWidth: 375, screenHeight: 812, statusBarHeight: 20, SDKVersion: '3.6.0', version: '8.0.50', language: 'zh_CN', safeArea: { top: 20, bottom: 812, left: 0, right: 375, width: 375, height: 792 } }
  const w = {
    getSystemInfoSync: () => sys,
    getWindowInfo: () => sys,
    getDeviceInfo: () => sys,
    getAppBaseInfo: () => sys,
    getStorageSync: (k: string) => storage.get(k) ?? '',
    setStorageSync: (k: string, v: unknown) => void storage.set(k, v),
    removeStorageSync: (k: string) => void storage.delete(k),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    canIUse: () => true,
    getLaunchOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/home/index', query: {}, scene: 1001 }),
    onAppShow: () => undefined,
    onAppHide: () => undefined,
    reLaunch: () => undefined,
    navigateTo: () => undefined,
    createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }) }),
    cloud: {
      init: () => undefined,
      callFunction: async ({ name, data }: { name: string; data: { action: string } }) => {
        const key = `${name}.${data.action}`
        calls.push(key)
        const answer = ANSWERS[key]
        return { result: answer === undefined ? { ok: false, code: 'not_found', message: '找不到相关记录' } : { ok: true, data: answer } }
      },
    },
  }
  const g = globalThis as unknown as Record<string, unknown>
  g.wx = w
  let app: Record<string, unknown> = {}
  g.App = (config: Record<string, unknown>) => {
    app = config
    ;(config.onLaunch as ((o: unknown) => void) | undefined)?.call(config, { path: 'pages/home/index', query: {} })
  }
  g.getApp = () => app
  g.getCurrentPages = () => []
}

/** Taro registers pages with Page(config); miniprogram-simulate renders components: adapt one to the other. */
function installPageAdapter(): void {
  const g = globalThis as unknown as Record<string, unknown>
  g.Page = (config: Record<string, unknown>) => {
    const methods: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(config)) if (typeof v === 'function') methods[k] = v
    ;(g.Component as (o: unknown) => void)({
      data: config.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, (o?: unknown) => void>) {
          this.onLoad?.({})
          this.onShow?.()
          this.onReady?.()
        },
      },
    })
  }
}

describeBuilt('dist/weapp in miniprogram-simulate', () => {
   
  let simulate: typeof import('miniprogram-simulate')
  beforeAll(() => {
    // WeChat's template runtime warns about template slots Taro declares but these pages never fill; the
    // warning prints the whole bundle, so it is kept out of the log (other warnings still show).
    const warn = console.warn.bind(console)
    jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
      if (!String(args[0]).startsWith('WXMLRT')) warn(...args)
    })
    installWx()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    simulate = require('miniprogram-simulate')
    installPageAdapter()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(ROOT, 'app.js'))
  })

  async function renderPage(page: string, expected: string): Promise<string> {
    const id = simulate.load(path.join(ROOT, page), { rootPath: ROOT, compiler: 'official' })
    const comp = simulate.render(id)
    const parent = document.createElement('div')
    comp.attach(parent)
    for (let i = 0; i < 100 && !(comp.dom?.textContent ?? '').includes(expected); i++) await simulate.sleep(20)
    return comp.dom?.textContent ?? ''
  }

  test('member home renders the card from the cloud function', async () => {
    const text = await renderPage('pages/home/index', '12.3456 股')
    expect(text).toContain('12.3456 股')
    expect(text).toContain('¥50.00')
    expect(text).toContain('分红来源于门店利润，不保证收益')
    expect(calls).toContain('member.home')
  })

  test('wallet renders balance and the empty withdrawal list', async () => {
    const text = await renderPage('pages/wallet/index', '还没有提现记录')
    expect(text).toContain('可用余额')
    expect(text).toContain('还没有提现记录')
  })

  test('owner dashboard renders its figures and charts', async () => {
    const text = await renderPage('pages/manage/index', '¥12,345.00')
    expect(text).toContain('¥12,345.00')
    expect(text).toContain('每周新增会员')
  })

  test('“我的” shows the person’s roles and the notice opt-in', async () => {
    const text = await renderPage('pages/me/index', '我的身份')
    expect(text).toContain('本店会员 · 店主')
    expect(text).toContain('开启分红与提现通知')
    // The local-mode dev panel is not in the mini-program build.
    expect(text).not.toContain('本地演示面板')
  })
})
