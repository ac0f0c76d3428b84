/**
 * @jest-environment jsdom
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { darkRuns } from '../../src/components/QrCode'
import { tabsFor } from '../../src/components/TabBar'
import Cashier from '../../src/pages/cashier/index'
import { payUrl } from '../../src/lib/links'
import Manage from '../../src/pages/manage/index'
import Withdrawals from '../../src/packages/owner/withdrawals/index'
import Settle from '../../src/packages/owner/settle/index'
import RulesEditor from '../../src/packages/owner/rules/index'
import Hq from '../../src/packages/owner/hq/index'
import { defaultRuleSet } from '../../types/rules'
import { called, renderPage } from './render'

describe('the role-aware tab bar', () => {
  test('members see 会员/钱包/我的; staff add 收银; owners and managers 管理; HQ 总部', () => {
    const keys = (role: Parameters<typeof tabsFor>[0], chains = 0) => tabsFor(role, { signedIn: true, roles: [], chains: Array.from({ length: chains }, (_, i) => ({ chainId: `c${i}`, name: 'x', unifiedPool: true })), isMember: true }).map((t) => t.label)
    expect(keys(null)).toEqual(['会员', '钱包', '我的'])
    expect(keys('staff')).toEqual(['会员', '钱包', '收银', '我的'])
    expect(keys('manager')).toEqual(['会员', '钱包', '收银', '管理', '我的'])
    expect(keys('owner', 1)).toEqual(['会员', '钱包', '收银', '管理', '总部', '我的'])
  })
})

describe('cashier', () => {
  test('a person without a role is told to ask for an invite', () => {
    renderPage(<Cashier />, { answers: {} })
    expect(screen.getByText('你还不是本店员工。请让店主发送邀请。')).toBeTruthy()
  })

  test('amount → a code with its QR and link, followed live until claimed', async () => {
    jest.useFakeTimers()
    let claimed = false
    const { wire } = renderPage(<Cashier />, {
      role: 'staff',
      answers: {
        'checkout.todayCaptures': [],
        'checkout.createCode': { token: 'cAAAAAAAAAABBBBBBBBBBB', codeKey: 'AAAAAAAAAA', amountFen: 8_800, expiresAtMs: 0 },
        'checkout.codeStatus': () => (claimed ? { status: 'claimed', amountFen: 8_800, offsetFen: 500, cashDueFen: 8_300, claimedByName: '张**' } : { status: 'open', amountFen: 8_800, offsetFen: 0, cashDueFen: 8_800, claimedByName: null }),
      },
    })
    expect(await screen.findByText('今天还没有会员消费')).toBeTruthy()
    fireEvent.input(document.querySelector('input')!, { target: { value: '88' } })
    fireEvent.click(screen.getByText('生成付款码'))
    expect(await screen.findByText('等待会员扫码')).toBeTruthy()
    expect(document.querySelector('[aria-label="付款码"]')?.getAttribute('data-qr')).toBe(payUrl('http://localhost', 'cAAAAAAAAAABBBBBBBBBBB'))
    expect(called(wire, 'checkout.createCode')[0]?.input).toEqual({ storeId: 'st_demo', amountFen: 8_800 })
    claimed = true
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_600)
    })
    expect(await screen.findByText('已由 张** 确认')).toBeTruthy()
    expect(screen.getByTestId('cash-due').textContent).toBe('¥83.00')
    jest.useRealTimers()
  })

  test('QR rows become dark runs', () => {
    expect(darkRuns([1, 1, 0, 1, 0, 0, 1])).toEqual([
      [0, 2],
      [3, 1],
      [6, 1],
    ])
    expect(darkRuns([0, 0])).toEqual([])
  })
})

const DASH = {
  storeName: '街角咖啡',
  periodId: '2026Q4',
  previousPeriodId: '2026Q3',
  previousStatus: null,
  nowMs: Date.parse('2026-12-04T02:00:00Z'),
  members: 60,
  growth: [1, 3, 0, 2, 5, 1, 0, 4].map((joined, i) => ({ weekEndMs: Date.parse('2026-10-16T02:00:00Z') + i * 7 * 86_400_000, joined })),
  revenue: [0, 0, 0, 0, 0, 0, 0, 1_234_500].map((capturedFen, i) => ({ weekEndMs: Date.parse('2026-10-16T02:00:00Z') + i * 7 * 86_400_000, capturedFen })),
  capturedFen: 1_234_500,
  poolEstimateFen: 50_000,
  reserveFen: 45_000,
  liabilitiesFen: 400_000,
  lastCoverage: 0.05,
  alerts: [{ code: 'withdrawals_waiting', messageZh: '有 1 笔提现申请等待超过 3 天。' }],
}

describe('owner pages', () => {
  test('dashboard: figures, the growth chart, alerts; staff are kept out', async () => {
    renderPage(<Manage />, { role: 'owner', answers: { 'admin.dashboard': DASH } })
    expect(await screen.findByText('¥12,345.00')).toBeTruthy()
    expect(screen.getByText('有 1 笔提现申请等待超过 3 天。')).toBeTruthy()
    expect(screen.getByLabelText('每周新增会员').querySelectorAll('.chart__bar')).toHaveLength(8)
    expect(screen.getByText('¥12345')).toBeTruthy()
    expect(screen.getByText('5.00%')).toBeTruthy()
    expect(screen.getByText('2026年第3季度 待结算')).toBeTruthy()
  })

  test('dashboard is not for staff', () => {
    renderPage(<Manage />, { role: 'staff', answers: {} })
    expect(screen.getByText('只有店主和店长可以查看店铺管理')).toBeTruthy()
  })

  test('withdrawals: approve and reject (with its reason) are one tap each', async () => {
    const { wire } = renderPage(<Withdrawals />, {
      role: 'owner',
      answers: {
        'admin.withdrawalQueue': [{ withdrawalId: 'w1', amountFen: 2_000, feeFen: 0, netFen: 2_000, status: 'pending', requestedAtMs: 0, memberLabel: '会员1234', pendingDays: 4 }],
        'admin.reviewWithdrawal': { status: 'approved' },
      },
    })
    fireEvent.click(await screen.findByText('批准'))
    await screen.findByText('已处理')
    fireEvent.input(document.querySelector('input')!, { target: { value: '账户不符' } })
    fireEvent.click(screen.getByText('驳回'))
    await waitFor(() => expect(called(wire, 'admin.reviewWithdrawal')).toHaveLength(2))
    expect(called(wire, 'admin.reviewWithdrawal').map((c) => c.input)).toEqual([
      { storeId: 'st_demo', withdrawalId: 'w1', decision: 'approve' },
      { storeId: 'st_demo', withdrawalId: 'w1', decision: 'reject', reason: '账户不符' },
    ])
  })

  test('settlement: declare → preview → commit with progress until settled', async () => {
    let stage: 'none' | 'previewed' | 'settled' = 'none'
    let commits = 0
    const totals = { profitFen: 5_000_000, poolFen: 750_000, reserveInFen: 75_000, reserveDrawFen: 0, memberPoolFen: 675_000, membersPaid: 42, totalIndex: '100' }
    const summary = () => ({ periodId: '2026Q3', status: stage === 'settled' ? 'settled' : 'previewed', stale: false, ruleVersion: 1, totals, chunkCount: 2, chunksDone: 0, digest: 'abcdef0123456789', capturedFen: 10_000_000, coverage: 0.0675 })
    const { wire } = renderPage(<Settle />, {
      role: 'owner',
      answers: {
        'admin.dashboard': DASH,
        'admin.settlementStatus': () => ({ settlement: stage === 'none' ? null : summary(), declaredFen: stage === 'none' ? null : 5_000_000 }),
        'admin.declareProfit': () => ({}),
        'admin.previewSettlement': () => ((stage = 'previewed'), summary()),
        'admin.settlementRows': { rows: [{ memberId: 'mAAAAAAAAAAAAAAAA', ownUnits: 1, referredUnits: 0, pointsCounted: 0, heldUnits: 0, index: 60, amountFen: 405_000, frozen: false }], totalIndex: '100' },
        'admin.commitSettlement': () => (++commits === 2 ? ((stage = 'settled'), { status: 'settled', chunksDone: 2, chunkCount: 2 }) : { status: 'committing', chunksDone: 1, chunkCount: 2 }),
      },
    })
    expect(await screen.findByText('申报利润后即可预览本期分红')).toBeTruthy()
    fireEvent.input(document.querySelector('input')!, { target: { value: '50000' } })
    fireEvent.click(screen.getByText('申报并预览'))
    expect((await screen.findByTestId('member-pool')).textContent).toBe('¥6,750.00')
    expect(await screen.findByText('¥4,050.00')).toBeTruthy()
    expect(called(wire, 'admin.declareProfit')[0]?.input).toEqual({ storeId: 'st_demo', periodId: '2026Q3', profitFen: 5_000_000 })
    fireEvent.click(screen.getByText('确认结算并发放'))
    expect(await screen.findByTestId('settled')).toBeTruthy()
    expect(commits).toBe(2)
  })

  test('rules editor: the compliance lint follows what is typed; out-of-range values block saving', async () => {
    const { wire } = renderPage(<RulesEditor />, { role: 'owner', answers: { 'member.rules': { inForce: { version: 1, rules: defaultRuleSet(), effectiveFromMs: 0 } } } })
    await screen.findByText('合规检查')
    const pool = () => document.querySelectorAll('input')[0] as HTMLInputElement
    fireEvent.input(pool(), { target: { value: '1.5' } })
    expect(await screen.findByText('有字段超出允许范围')).toBeTruthy()
    fireEvent.click(screen.getByText('保存为新版本'))
    expect(called(wire, 'admin.editRules')).toEqual([])
    fireEvent.input(document.querySelector('textarea')!, { target: { value: '保证每月收益10%' } })
    expect((await screen.findAllByText(/文案含有承诺收益的表述/)).length).toBe(2)
  })
})

describe('HQ', () => {
  test('stores side by side; bounds for branch pools are saved and the branches outside them named', async () => {
    const { wire } = renderPage(<Hq />, {
      me: { chains: [{ chainId: 'ch1', name: '街角咖啡', unifiedPool: false }] },
      answers: {
        'admin.hqOverview': {
          name: '街角咖啡',
          unifiedPool: false,
          bounds: {},
          pool: null,
          stores: [
            { storeId: 's1', name: '人民路店', periodId: '2026Q4', capturedFen: 30_000, captures: 3, buyers: 2, offsetFen: 500, members: 61, pendingWithdrawals: 1, violations: [] },
            { storeId: 's2', name: '西湖店', periodId: '2026Q4', capturedFen: 0, captures: 0, buyers: 0, offsetFen: 0, members: 8, pendingWithdrawals: 0, violations: [{ field: 'poolRatio', value: 0.2, min: null, max: 0.15 }] },
          ],
        },
        'admin.setBranchBounds': { bounds: {}, outside: [{ name: '西湖店' }] },
      },
    })
    expect((await screen.findAllByText('人民路店')).length).toBe(2)
    expect(screen.getByLabelText('本期各店营业额').querySelectorAll('.chart__bar')).toHaveLength(2)
    expect(screen.getByText('1 项超出范围')).toBeTruthy()
    fireEvent.input(screen.getAllByPlaceholderText('最高')[0]!, { target: { value: '0.15' } })
    fireEvent.click(screen.getByText('保存范围'))
    expect(await screen.findByText('已保存；超出范围的门店：西湖店')).toBeTruthy()
    expect(called(wire, 'admin.setBranchBounds')[0]?.input).toEqual({ chainId: 'ch1', bounds: { poolRatio: { max: 0.15 } } })
  })
})
