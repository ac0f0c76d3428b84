import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Figure } from '../../../components/Figure'
import { BarChart } from '../../../components/BarChart'
import { EmptyState } from '../../../components/States'
import { TabBar } from '../../../components/TabBar'
import { formatFen, periodLabel } from '../../../lib/format'
import { Loaded } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { callFn } from '../../../lib/transport'
import { useCall } from '../../../lib/useCall'
import { useNotice } from '../../../lib/useNotice'
import { Button, Cell, CellGroup, Input, Tag } from '../../../ui/nut'

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
                  <Text>各分店规则须在总部设定的范围内。</Text>
                )}
              </View>
              {!o.unifiedPool && active ? <BoundsEditor chainId={active} bounds={o.bounds} onSaved={() => void overview.reload()} /> : null}
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

const BOUND_FIELDS: { field: string; label: string }[] = [
  { field: 'poolRatio', label: '分红池比例' },
  { field: 'reserveRatio', label: '储备金比例' },
  { field: 'staffRatio', label: '员工分成比例' },
  { field: 'withdrawal.feeRatio', label: '提现手续费率' },
]

/** HQ's bounds on branch rules (SPEC §1): min/max per field; the answer lists branches now outside them. */
function BoundsEditor({ chainId, bounds, onSaved }: { chainId: string; bounds: Overview['bounds']; onSaved: () => void }) {
  const [draft, setDraft] = useState<Record<string, string>>(() =>
    Object.fromEntries(BOUND_FIELDS.flatMap(({ field }) => [[`${field}.min`, String(bounds[field]?.min ?? '')], [`${field}.max`, String(bounds[field]?.max ?? '')]])),
  )
  const { bar, setNotice, attempt } = useNotice()
  const save = () =>
    attempt(async () => {
      const next: Record<string, { min?: number; max?: number }> = {}
      for (const { field } of BOUND_FIELDS) {
        const min = draft[`${field}.min`]?.trim()
        const max = draft[`${field}.max`]?.trim()
        if (min || max) next[field] = { ...(min ? { min: Number(min) } : {}), ...(max ? { max: Number(max) } : {}) }
      }
      const r = await callFn<{ outside: { name: string }[] }>('admin', 'setBranchBounds', { chainId, bounds: next })
      setNotice(r.outside.length ? `已保存；超出范围的门店：${r.outside.map((o) => o.name).join('、')}` : '已保存，所有门店都在范围内')
      onSaved()
    })
  return (
    <View className='card'>
      <Text className='card__title'>分店规则范围</Text>
      {bar}
      {BOUND_FIELDS.map(({ field, label }) => (
        <View key={field} className='row'>
          <Text className='muted'>{label}</Text>
          <Input type='digit' placeholder='最低' value={draft[`${field}.min`] ?? ''} onChange={(v: string) => setDraft({ ...draft, [`${field}.min`]: v })} />
          <Input type='digit' placeholder='最高' value={draft[`${field}.max`] ?? ''} onChange={(v: string) => setDraft({ ...draft, [`${field}.max`]: v })} />
        </View>
      ))}
      <Button size='small' type='primary' onClick={save}>
        保存范围
      </Button>
    </View>
  )
}
