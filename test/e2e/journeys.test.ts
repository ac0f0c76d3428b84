/**
 * Browser end-to-end journeys (issue 4) in Debian chromium against `npm start`'s local host on a freshly
 * seeded database: a purchase with a balance offset → settlement → dividend → withdrawal paid → audit; and
 * a referral link → new member → the referrer's contribution rises. Screenshots of every page go to
 * test-artifacts/screenshots/.
 */
import { spawnSync } from 'node:child_process'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { periodOf, settlementDueMs } from '../../domain/period/calendar'
import { LocalHost } from '../../server/local/childHost'
import { button, hasChromium, open, personBrowser, shot } from './browser'

jest.setTimeout(600_000)

const describeBrowser = hasChromium ? describe : describe.skip
if (!hasChromium) console.log('browser end-to-end tests skipped: no chromium at /usr/bin/chromium (.ci/run installs it; or set CHROMIUM_PATH)')

describeBrowser('journeys in a real browser', () => {
  const host = new LocalHost()
  let base = ''
  const contexts: BrowserContext[] = []
  const as = async (openid: string): Promise<Page> => {
    const b = await personBrowser(base, openid)
    contexts.push(b.context)
    return b.page
  }

  beforeAll(async () => {
    // The seeded demo store; the H5 app is built first when dist/h5 is missing.
    await host.start({ SEED: '1', NO_H5: '0', SKIP_BUILD: '1' })
    base = `http://127.0.0.1:${host.port}`
  })
  afterAll(async () => {
    for (const c of contexts) await c.close()
    await host.stop()
    host.cleanup()
  })

  /** A paid member with a balance to offset and nothing pending. */
  async function memberWithBalance(storeId: string): Promise<string> {
    for (let i = 60; i >= 1; i--) {
      const openid = `demo_member_${String(i).padStart(2, '0')}`
      const home = await host.fn<{ balances: { availableFen: number; heldFen: number } }>('member', 'home', { storeId }, openid)
      if (home.balances.availableFen >= 3_000 && home.balances.heldFen === 0) return openid
    }
    throw new Error('no seeded member with a balance')
  }

  test('purchase with offset → settlement → dividend → withdrawal paid → audit passes', async () => {
    const { storeId } = ((await host.request('GET', '/dev/users')).json as { data: { storeId: string } }).data
    const memberOpenid = await memberWithBalance(storeId)

    const staff = await as('demo_staff_1')
    await open(staff, base, '/pages/cashier/index', '输入消费金额')
    await staff.locator('input[placeholder="金额（元）"]').fill('88.00')
    await button(staff, '生成付款码').click()
    const link = await staff.getByTestId('pay-link').textContent()
    expect(link).toMatch(/#\/pages\/pay\/index\?scene=c[0-9A-Za-z]{21}$/)
    await shot(staff, 'staff-cashier-code')

    const member = await as(memberOpenid)
    await member.goto(link!.trim())
    await member.getByTestId('pay-amount').waitFor()
    expect(await member.getByTestId('pay-amount').textContent()).toBe('¥88.00')
    await member.locator('.nut-switch').click()
    await member.locator('input[placeholder]').last().fill('5.00')
    expect(await member.getByTestId('cash-due').textContent()).toBe('¥83.00')
    await shot(member, 'member-pay-confirm')
    await button(member, '确认付款').click()
    await member.getByTestId('pay-done').waitFor()
    await shot(member, 'member-pay-done')

    // The staff screen follows the code live.
    await staff.getByText(/已由 .+ 确认/).waitFor({ timeout: 15_000 })
    expect(await staff.getByTestId('cash-due').textContent()).toBe('¥83.00')
    await shot(staff, 'staff-cashier-claimed')

    // The dev clock moves past this period's end + freezeDays.
    const clock = ((await host.request('GET', '/dev/clock')).json as { data: { nowMs: number } }).data
    const due = settlementDueMs(periodOf(clock.nowMs, 'quarter'), 7)
    await host.request('POST', '/dev/clock', { advanceMs: due - clock.nowMs + 86_400_000 }, 'demo_owner')

    const owner = await as('demo_owner')
    await open(owner, base, '/pages/manage/index', '每周新增会员')
    await shot(owner, 'owner-dashboard')
    await open(owner, base, '/packages/owner/settle/index', '申报本期利润')
    await owner.locator('input[placeholder="本期利润（元）"]').fill('50000.00')
    await button(owner, '申报并预览').click()
    await owner.getByTestId('member-pool').waitFor()
    await shot(owner, 'owner-settlement-preview')
    await button(owner, '确认结算并发放').click()
    await owner.getByTestId('settled').waitFor({ timeout: 60_000 })
    await shot(owner, 'owner-settlement-settled')

    await open(member, base, '/packages/member/dividends/index', '我的贡献指数')
    const amount = await member.getByTestId('dividend-amount').first().textContent()
    expect(amount).toMatch(/^¥[1-9][\d,]*\.\d\d$|^¥0\.[1-9]\d$|^¥0\.0[1-9]$/)
    await shot(member, 'member-dividends')

    await open(member, base, '/pages/wallet/index', '申请提现')
    await member.locator('input[placeholder="提现金额（元）"]').fill('20.00')
    await expect(member.getByTestId('withdraw-terms').textContent()).resolves.toContain('实际到账 ¥20.00')
    await button(member, '申请提现').click()
    await member.getByText('待审核').first().waitFor()
    await shot(member, 'member-wallet-pending')

    await open(owner, base, '/packages/owner/withdrawals/index', '待审核')
    const mine = owner.getByTestId('queue-item').filter({ hasText: '¥20.00' }).first()
    await button(mine, '批准').click()
    await owner.getByText('已处理').waitFor()
    await button(owner, '待打款').click()
    const approved = owner.getByTestId('queue-item').filter({ hasText: '¥20.00' }).first()
    await approved.locator('input').fill('微信转账')
    await button(approved, '标记已付').click()
    await owner.getByText('已处理').waitFor()
    await shot(owner, 'owner-withdrawals')

    await open(member, base, '/pages/wallet/index', '提现记录')
    await member.getByText('已打款').first().waitFor()
    await shot(member, 'member-wallet-paid')

    const audit = spawnSync(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../../scripts/audit.ts')], { env: { ...process.env, DATA_DIR: host.dataDir }, encoding: 'utf8' })
    expect(audit.stdout).toContain('audit passed')
    expect(audit.status).toBe(0)
  })

  test('referral link → a new member → their purchase raises the referrer’s contribution', async () => {
    const referrer = await as('demo_member_07')
    await open(referrer, base, '/packages/member/referral/index', '我的推荐码')
    const link = (await referrer.getByTestId('referral-link').textContent())!.trim()
    await shot(referrer, 'member-referral')
    await open(referrer, base, '/pages/home/index', '本期贡献指数')
    const before = await referrer.getByTestId('index').textContent()

    const newbie = await as('e2e_new_friend')
    await newbie.goto(link)
    await button(newbie, '加入会员').click()
    await newbie.getByText('我的股份').waitFor()
    await shot(newbie, 'newcomer-home')

    const staff = await as('demo_staff_2')
    await open(staff, base, '/pages/cashier/index', '输入消费金额')
    await staff.locator('input[placeholder="金额（元）"]').fill('300.00')
    await button(staff, '生成付款码').click()
    const pay = (await staff.getByTestId('pay-link').textContent())!.trim()
    await newbie.goto(pay)
    await button(newbie, '确认付款').click()
    await newbie.getByTestId('pay-done').waitFor()

    await open(referrer, base, '/pages/home/index', '本期贡献指数')
    await referrer.reload()
    await referrer.getByTestId('index').waitFor()
    const after = await referrer.getByTestId('index').textContent()
    expect(Number(after!.replace(/,/g, ''))).toBeGreaterThan(Number(before!.replace(/,/g, '')))
    await open(referrer, base, '/packages/member/referral/index', '我推荐的好友')
    await referrer.getByTestId('referee').first().waitFor()
    await shot(referrer, 'member-referees')
  })

  test('every other page renders in its role', async () => {
    const pages: [string, string, string, string][] = [
      ['demo_member_02', '/pages/home/index', '我的股份', 'member-home'],
      ['demo_member_02', '/packages/member/rules/index', '现行规则', 'member-rules'],
      ['demo_member_02', '/pages/me/index', '本地演示面板', 'member-me'],
      ['demo_owner', '/packages/owner/rules/index', '合规检查', 'owner-rules'],
      ['demo_owner', '/packages/owner/team/index', '邀请店员', 'owner-team'],
      ['demo_owner', '/packages/owner/keys/index', '新建收银机密钥', 'owner-keys'],
      ['demo_owner', '/packages/owner/fraud/index', '待处理', 'owner-fraud'],
      ['demo_owner', '/packages/owner/audit/index', 'settlement_committed', 'owner-audit'],
      ['demo_owner', '/packages/owner/refunds/index', '今日消费', 'owner-refunds'],
      ['demo_hq', '/packages/owner/hq/index', '本期各店营业额', 'hq-overview'],
      ['demo_staff_1', '/packages/staff/invite/index', '加入门店团队', 'staff-invite'],
    ]
    for (const [openid, route, ready, name] of pages) {
      const page = await as(openid)
      await open(page, base, route, ready)
      await shot(page, name)
      await page.context().close()
    }
  })
})
