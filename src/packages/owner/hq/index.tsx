import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Figure } from '../../../components/Figure'
import { BarChart } from '../../../components/BarChart'
import { EmptyState } from '../../../components/States'
import { TabBar } from '../../../components/TabBar'
import { formatFen, periodLabel } from '../../../lib/format'
import { Loaded } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { useCall } from '../../../lib/useCall'
import { Button, Cell, CellGroup, Tag } from '../../../ui/nut'

interface StoreRow {
  storeId: string
  name: string
  periodId: string
  capturedFen: number
  captures: number
  buyers: number
  offsetFen: number
  members: number | null
  pendingWithdrawals: number | null
  violations: { field: string; value: number; min: number | null; max: number | null }[]
}
interface Overview {
  name: string
  unifiedPool: boolean
  bounds: Record<string, { min?: number; max?: number }>
  stores: StoreRow[]
  pool: { periodId: string; members: number; estimatedPoolFen: number | null; reserveFen: number; pendingWithdrawals: number } | null
}

/** HQ (SPEC §8): every store side by side, with the unified pool or each branch against HQ's bounds. */
export default function Hq() {
  const { me, setStoreId } = useSession()
  const chains = me?.chains ?? []
  const [chainId, setChainId] = useState<string | null>(null)
  const active = chainId ?? chains[0]?.chainId ?? null
  const overview = useCall<Overview>('admin', 'hqOverview', { chainId: active }, { skip: !active })
  return (
    <View className='page'>
      {chains.length === 0 ? <EmptyState text='你不是任何连锁的总部管理员' /> : null}
      {chains.length > 1 ? (
        <View className='actions'>
          {chains.map((c) => (
            <Button key={c.chainId} size='small' type={c.chainId === active ? 'primary' : 'default'} onClick={() => setChainId(c.chainId)}>
              {c.name}
            </Button>
          ))}
        </View>
      ) : null}
      {active ? (
        <Loaded call={overview}>
          {(o) => (
            <View>
              <View className='card card--hero'>
                <Text className='card__title'>
                  {o.name} · {o.unifiedPool ? '统一分红池' : '各店独立分红'}
                </Text>
                {o.pool ? (
                  <View className='figures'>
                    <Figure label={`${periodLabel(o.pool.periodId)} 分红池（预估）`} value={o.pool.estimatedPoolFen == null ? '—' : formatFen(o.pool.estimatedPoolFen)} />
                    <Figure label='会员' value={`${o.pool.members} 人`} />
                    <Figure label='储备金' value={formatFen(o.pool.reserveFen)} />
                    <Figure label='待审提现' value={`${o.pool.pendingWithdrawals} 笔`} />
                  </View>
                ) : (
                  <Text>
                    总部范围：
                    {Object.entries(o.bounds)
                      .map(([f, b]) => `${f} ${b.min ?? '-'}~${b.max ?? '-'}`)
                      .join('；') || '未设置'}
                  </Text>
                )}
              </View>
              <BarChart title='本期各店营业额' bars={o.stores.map((s) => ({ label: s.name, value: s.capturedFen, caption: formatFen(s.capturedFen) }))} />
              <CellGroup>
                {o.stores.map((s) => (
                  <Cell
                    key={s.storeId}
                    title={s.name}
                    clickable
                    onClick={() => setStoreId(s.storeId)}
                    description={`${s.captures} 笔 · ${s.buyers} 位顾客 · 余额抵扣 ${formatFen(s.offsetFen)}${s.members !== null ? ` · 会员 ${s.members}` : ''}`}
                    extra={s.violations.length ? <Tag type='danger'>{s.violations.length} 项超出范围</Tag> : <Text>{formatFen(s.capturedFen)}</Text>}
                  />
                ))}
              </CellGroup>
              <Text className='muted note'>
                点选门店即切换到该店，可在“管理”中查看其经营与提现。
              </Text>
            </View>
          )}
        </Loaded>
      ) : null}
      <TabBar active='hq' />
    </View>
  )
}
