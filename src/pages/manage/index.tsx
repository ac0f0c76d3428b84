import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { Figure } from '../../components/Figure'
import { BarChart } from '../../components/BarChart'
import { EmptyState } from '../../components/States'
import { formatFen, formatPercent, formatTime, periodLabel } from '../../lib/format'
import { Loaded, TabPage } from '../../lib/page'
import { useSession } from '../../lib/session'
import { useCall } from '../../lib/useCall'
import { Cell, CellGroup, NoticeBar } from '../../ui/nut'

export interface Dashboard {
  storeName: string
  periodId: string
  previousPeriodId: string
  previousStatus: string | null
  nowMs: number
  members: number
  growth: { weekEndMs: number; joined: number }[]
  revenue: { weekEndMs: number; capturedFen: number }[]
  capturedFen: number
  poolEstimateFen: number | null
  reserveFen: number
  liabilitiesFen: number
  lastCoverage: number | null
  alerts: { code: string; messageZh: string }[]
}

const LINKS: { title: string; url: string; ownerOnly?: boolean }[] = [
  { title: '提现审核', url: '/packages/owner/withdrawals/index' },
  { title: '利润申报与分红结算', url: '/packages/owner/settle/index', ownerOnly: true },
  { title: '分红规则', url: '/packages/owner/rules/index', ownerOnly: true },
  { title: '退款', url: '/packages/owner/refunds/index' },
  { title: '员工、角色与邀请', url: '/packages/owner/team/index' },
  { title: '收银机密钥与签名密钥', url: '/packages/owner/keys/index', ownerOnly: true },
  { title: '风险标记', url: '/packages/owner/fraud/index' },
  { title: '审计日志', url: '/packages/owner/audit/index', ownerOnly: true },
]

export default function Manage() {
  const { storeId, role } = useSession()
  const allowed = role === 'owner' || role === 'manager'
  const dash = useCall<Dashboard>('admin', 'dashboard', { storeId }, { skip: !storeId || !allowed })
  useDidShow(() => {
    if (storeId && allowed) void dash.reload()
  })
  if (!allowed) {
    return (
      <TabPage tab='manage'>
        <EmptyState text='只有店主和店长可以查看店铺管理' />
      </TabPage>
    )
  }
  return (
    <TabPage tab='manage'>
      <Loaded call={dash}>
        {(d) => (
          <View>
            {d.alerts.map((a) => (
              <NoticeBar key={a.code} content={a.messageZh} />
            ))}
            <View className='card card--hero'>
              <Text className='card__title'>
                {d.storeName} · {periodLabel(d.periodId)}
              </Text>
              <View className='figures'>
                <Figure label='会员' value={`${d.members} 人`} />
                <Figure label='本期营业额' value={formatFen(d.capturedFen)} />
                <Figure label='本期分红池（预估）' value={d.poolEstimateFen == null ? '—' : formatFen(d.poolEstimateFen)} />
                <Figure label='储备金' value={formatFen(d.reserveFen)} />
                <Figure label='会员余额合计' value={formatFen(d.liabilitiesFen)} />
                <Figure label='上期分红/营业额' value={d.lastCoverage == null ? '—' : formatPercent(Math.round(d.lastCoverage * 10000), 10000)} />
              </View>
            </View>
            <BarChart title='每周营业额' bars={(d.revenue ?? []).map((w) => ({ label: weekLabel(w.weekEndMs), value: w.capturedFen, caption: `¥${Math.round(w.capturedFen / 100)}` }))} />
            <BarChart title='每周新增会员' bars={d.growth.map((g) => ({ label: weekLabel(g.weekEndMs), value: g.joined }))} />
            <CellGroup>
              {LINKS.filter((l) => role === 'owner' || !l.ownerOnly).map((l) => (
                <Cell key={l.url} title={l.title} clickable extra={l.url.includes('settle') && d.previousStatus !== 'settled' ? `${periodLabel(d.previousPeriodId)} 待结算` : ''} onClick={() => Taro.navigateTo({ url: l.url })} />
              ))}
            </CellGroup>
          </View>
        )}
      </Loaded>
    </TabPage>
  )
}

/** MM-DD of a week's last day, in Shanghai time. */
function weekLabel(ms: number): string {
  return formatTime(ms).slice(5, 10)
}
