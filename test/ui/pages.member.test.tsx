/**
 * @jest-environment jsdom
 */
import { fireEvent, screen, waitFor } from '@testing-library/react'
import Home from '../../src/pages/home/index'
import { routeForScan } from '../../src/lib/links'
import Pay from '../../src/pages/pay/index'
import Wallet from '../../src/pages/wallet/index'
import Dividends from '../../src/packages/member/dividends/index'
import { HOME } from '../support/uiFixtures'
import { called, renderPage } from './render'


describe('member home', () => {
  test('shows shares, balance, this period’s contribution and the estimate; checks in', async () => {
    const { wire } = renderPage(<Home />, { answers: { 'member.home': HOME, 'member.checkIn': { alreadyToday: false } } })
    expect(await screen.findByText('12.3456 股')).toBeTruthy()
    expect(screen.getByTestId('balance').textContent).toBe('¥50.00')
    expect(screen.getByTestId('index').textContent).toBe('20.00')
    expect(screen.getByText('¥12.34')).toBeTruthy()
    expect(screen.getByText('分红来源于门店利润，不保证收益')).toBeTruthy()
    fireEvent.click(screen.getByText('每日签到'))
    expect(await screen.findByText('签到成功，互动 +1')).toBeTruthy()
    expect(called(wire, 'member.checkIn')).toEqual([{ name: 'member.checkIn', input: { storeId: 'st_demo' } }])
  })

  test('a visitor joins, with the referral code the link carried', async () => {
    let joined = false
    const { wire } = renderPage(<Home />, {
      params: { ref: 'Ref12345' },
      answers: { 'member.home': () => (joined ? HOME : { ...HOME, isMember: false }), 'member.join': () => ((joined = true), { joined: true }) },
    })
    fireEvent.click(await screen.findByText('加入会员'))
    await screen.findByText('我的股份')
    expect(called(wire, 'member.join')[0]?.input).toEqual({ storeId: 'st_demo', referralCode: 'Ref12345' })
  })

  test('an error shows its Chinese message and retries', async () => {
    let fail = true
    renderPage(<Home />, { answers: { 'member.home': () => (fail ? { error: 'not_found' } : HOME) } })
    expect(await screen.findByText('找不到相关记录')).toBeTruthy()
    fail = false
    fireEvent.click(screen.getByText('重试'))
    expect(await screen.findByText('12.3456 股')).toBeTruthy()
  })

  test('scanned codes route to the pay page or the referral', () => {
    expect(routeForScan('pages/pay/index?scene=cAAAAAAAAAABBBBBBBBBBB')).toBe('/pages/pay/index?scene=cAAAAAAAAAABBBBBBBBBBB')
    expect(routeForScan('http://x/#/pages/pay/index?scene=cAAAAAAAAAABBBBBBBBBBB')).toBe('/pages/pay/index?scene=cAAAAAAAAAABBBBBBBBBBB')
    expect(routeForScan('rAbCd1234')).toBe('/pages/home/index?ref=AbCd1234')
    expect(routeForScan('https://example.com')).toBeNull()
  })
})

const PEEK = { storeId: 'st_demo', storeName: '街角咖啡', amountFen: 8_800, sharesUnits: 8_800, labels: 'dividend', status: 'open', claimedBySelf: false, isMember: true, frozen: false, availableFen: 3_000, expiresAtMs: 0 }

describe('pay confirmation', () => {
  test('amount, shares and an optional offset; confirming captures with it', async () => {
    const { wire } = renderPage(<Pay />, {
      params: { scene: 'cAAAAAAAAAABBBBBBBBBBB' },
      answers: { 'checkout.peekCode': PEEK, 'checkout.capture': (i: Record<string, unknown>) => ({ amountFen: 8_800, offsetFen: i.offsetFen, cashDueFen: 8_800 - Number(i.offsetFen), sharesUnits: 8_800 }) },
    })
    expect((await screen.findByTestId('pay-amount')).textContent).toBe('¥88.00')
    expect(screen.getByText('0.8800 股')).toBeTruthy()
    expect(screen.getByTestId('cash-due').textContent).toBe('¥88.00')
    fireEvent.click(document.querySelector('.nut-switch')!)
    await waitFor(() => expect(screen.getByTestId('cash-due').textContent).toBe('¥58.00'))
    fireEvent.click(screen.getByText('确认付款'))
    await screen.findByTestId('pay-done')
    expect(called(wire, 'checkout.capture')[0]?.input).toEqual({ token: 'cAAAAAAAAAABBBBBBBBBBB', offsetFen: 3_000 })
    expect(screen.getByText('请向店员支付')).toBeTruthy()
  })

  test('a code already used or a malformed link says so', async () => {
    renderPage(<Pay />, { params: { scene: 'cAAAAAAAAAABBBBBBBBBBB' }, answers: { 'checkout.peekCode': { ...PEEK, status: 'claimed' } } })
    expect(await screen.findByText('该消费码已被其他会员使用')).toBeTruthy()
  })

  test('a malformed link is refused without a call', () => {
    const { wire } = renderPage(<Pay />, { params: { scene: 'nonsense' }, answers: {} })
    expect(screen.getByText('付款码无效，请让店员重新生成')).toBeTruthy()
    expect(wire.calls).toEqual([])
  })
})

const RULES = { inForce: { version: 1, rules: { withdrawal: { minFen: 1_000, maxPerDayFen: 500_000, feeRatio: 0.01 } } } }

describe('wallet', () => {
  test('shows the fee before confirming; a refused request keeps its request id for the next try', async () => {
    let attempts = 0
    const { wire } = renderPage(<Wallet />, {
      answers: {
        'wallet.myLedger': { balances: { availableFen: 10_000, heldFen: 0, frozenFen: 0 }, entries: [{ id: 'e1', kind: 'dividend', amountFen: 10_000, createdAtMs: Date.parse('2026-10-08T02:00:00Z'), note: null }] },
        'wallet.myWithdrawals': { withdrawals: [], transferApp: null },
        'member.rules': RULES,
        'wallet.requestWithdrawal': () => (++attempts === 1 ? { error: 'withdrawal_daily_limit' } : { status: 'pending' }),
      },
    })
    expect((await screen.findByTestId('wallet-available')).textContent).toBe('¥100.00')
    expect(screen.getByText('分红')).toBeTruthy()
    expect(screen.getByText('还没有提现记录')).toBeTruthy()
    fireEvent.input(document.querySelector('input')!, { target: { value: '50.00' } })
    await waitFor(() => expect(screen.getByTestId('withdraw-terms').textContent).toContain('手续费 ¥0.50，实际到账 ¥49.50'))
    fireEvent.click(screen.getByText('申请提现'))
    expect(await screen.findByText('超过今日提现额度')).toBeTruthy()
    fireEvent.click(screen.getByText('申请提现'))
    await screen.findByText('提现申请已提交，等待店主审核')
    const ids = called(wire, 'wallet.requestWithdrawal').map((c) => c.input.requestId)
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBe(ids[1])
    expect(called(wire, 'wallet.requestWithdrawal')[0]?.input.amountFen).toBe(5_000)
  })
})

describe('dividend history', () => {
  test('each period with its transparency breakdown; empty state', async () => {
    renderPage(<Dividends />, {
      answers: {
        'member.dividendHistory': [
          {
            periodId: '2026Q2',
            ruleVersion: 1,
            profitFen: 3_000_000,
            poolFen: 450_000,
            reserveInFen: 45_000,
            reserveDrawFen: 0,
            distributableFen: 405_000,
            memberPoolFen: 405_000,
            totalIndex: '400000000000',
            mine: { ownUnits: 100_000, referredUnits: 0, pointsCounted: 2, heldUnits: 0, index: 1_000_200_000, amountFen: 1_013, frozen: false },
            settledAtMs: Date.parse('2026-07-10T02:02:00Z'),
          },
        ],
      },
    })
    expect((await screen.findByTestId('dividend-amount')).textContent).toBe('¥10.13')
    expect(screen.getByText('2026年第2季度')).toBeTruthy()
    expect(screen.getByText('¥4,500.00')).toBeTruthy()
    expect(screen.getByText('10.00 / 4,000.00')).toBeTruthy()
    expect(screen.getByText('0.2501%')).toBeTruthy()
  })

  test('no settled period yet', async () => {
    renderPage(<Dividends />, { answers: { 'member.dividendHistory': [] } })
    expect(await screen.findByText('还没有结算过的分红期')).toBeTruthy()
  })
})
