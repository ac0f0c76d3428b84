import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { SettlementMemberRow, SettlementTotals } from '../../../../types/settlement'
import { EmptyState } from '../../../components/States'
import { formatFen, formatPercent, parseYuan, periodLabel } from '../../../lib/format'
import { Loaded } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { callFn, messageOf } from '../../../lib/transport'
import { useCall } from '../../../lib/useCall'
import { Button, Cell, CellGroup, Input, NoticeBar, Progress } from '../../../ui/nut'
import type { Dashboard } from '../../../pages/manage/index'
import { useNotice } from '../../../lib/useNotice'

interface Summary {
  periodId: string
  status: 'previewed' | 'committing' | 'settled'
  stale: boolean
  ruleVersion: number
  totals: SettlementTotals
  chunkCount: number
  chunksDone: number
  digest: string | null
  capturedFen: number
  coverage: number | null
}
interface Status {
  settlement: Summary | null
  declaredFen: number | null
}
interface Rows {
  rows: SettlementMemberRow[]
  totalIndex: string
}

/** Profit declaration → settlement preview (table) → commit with progress (SPEC §5). */
export default function Settle() {
  const { storeId } = useSession()
  const dash = useCall<Dashboard>('admin', 'dashboard', { storeId }, { skip: !storeId })
  const periodId = dash.data?.previousPeriodId
  const status = useCall<Status>('admin', 'settlementStatus', { storeId, periodId }, { skip: !storeId || !periodId })
  const [profitText, setProfitText] = useState('')
  const [rows, setRows] = useState<Rows | null>(null)
  const { bar, setNotice } = useNotice()
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<{ done: number; of: number } | null>(null)
  const s = status.data?.settlement ?? null

  useEffect(() => {
    if (status.data?.declaredFen != null && profitText === '') setProfitText((status.data.declaredFen / 100).toFixed(2))
  }, [status.data])
  useEffect(() => {
    if (s && storeId && periodId) void callFn<Rows>('admin', 'settlementRows', { storeId, periodId, chunk: 0 }).then(setRows).catch(() => setRows(null))
  }, [s?.status, s?.totals.totalIndex, storeId, periodId])

  const run = async (fn: () => Promise<void>) => {
    setBusy(true)
    setNotice(null)
    try {
      await fn()
      await status.reload()
    } catch (e) {
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const declare = () =>
    run(async () => {
      const profitFen = parseYuan(profitText)
      if (profitFen === null || profitFen < 0) throw new Error('请输入利润金额')
      await callFn('admin', 'declareProfit', { storeId, periodId, profitFen })
      await callFn('admin', 'previewSettlement', { storeId, periodId })
    })
  const commit = () =>
    run(async () => {
      // Each call commits a slice within the function's time budget; keep going until it is settled.
      for (;;) {
        const p = await callFn<{ status: string; chunksDone: number; chunkCount: number }>('admin', 'commitSettlement', { storeId, periodId })
        setProgress({ done: p.chunksDone, of: Math.max(1, p.chunkCount) })
        if (p.status === 'settled') break
      }
      setNotice('结算完成，分红已到账会员余额')
    })

  return (
    <View className='page'>
      {bar}
      <Loaded call={dash}>
        {(d) => (
          <View>
            <View className='card'>
              <Text className='card__title'>{periodLabel(d.previousPeriodId)}</Text>
              {s?.status === 'settled' ? (
                <Text className='muted' data-testid='settled'>
                  已结算 · 校验码 {s.digest?.slice(0, 12)}
                </Text>
              ) : (
                <View>
                  <Text className='muted'>申报本期利润（亏损填 0）。结算前可以修改。</Text>
                  <Input type='digit' placeholder='本期利润（元）' value={profitText} onChange={setProfitText} />
                  <View className='actions'>
                    <Button type='primary' loading={busy} onClick={declare}>
                      申报并预览
                    </Button>
                  </View>
                </View>
              )}
            </View>
            <Loaded call={status}>
              {(st) =>
                !st.settlement ? (
                  <EmptyState text='申报利润后即可预览本期分红' />
                ) : (
                  <View>
                    <View className='card'>
                      <Text className='card__title'>预览 · 规则 v{st.settlement.ruleVersion}</Text>
                      {st.settlement.stale ? <NoticeBar content='预览后有退款，请重新预览' /> : null}
                      <CellGroup>
                        <Cell title='申报利润' extra={formatFen(st.settlement.totals.profitFen)} />
                        <Cell title='分红池' extra={formatFen(st.settlement.totals.poolFen)} />
                        <Cell title='转入储备金' extra={formatFen(st.settlement.totals.reserveInFen)} />
                        <Cell title='储备金补充' extra={formatFen(st.settlement.totals.reserveDrawFen)} />
                        <Cell title='会员分配' extra={<Text data-testid='member-pool'>{formatFen(st.settlement.totals.memberPoolFen)}</Text>} />
                        <Cell title='获得分红人数' extra={`${st.settlement.totals.membersPaid} 人`} />
                        <Cell title='分红 / 营业额' extra={st.settlement.coverage == null ? '—' : formatPercent(Math.round(st.settlement.coverage * 10000), 10000)} />
                      </CellGroup>
                    </View>
                    {rows && rows.rows.length ? (
                      <View className='card'>
                        <Text className='card__title'>分配明细（前 {Math.min(rows.rows.length, 20)} 位）</Text>
                        {[...rows.rows]
                          .sort((a, b) => b.amountFen - a.amountFen)
                          .slice(0, 20)
                          .map((r) => (
                            <View key={r.memberId} className='row tight-row'>
                              <Text className='muted'>{r.memberId.slice(0, 6)}…</Text>
                              <Text className='muted'>{formatPercent(r.index, rows.totalIndex)}</Text>
                              <Text>{formatFen(r.amountFen)}</Text>
                            </View>
                          ))}
                      </View>
                    ) : null}
                    {st.settlement.status !== 'settled' ? (
                      <View className='card'>
                        {progress ? <Progress percent={Math.round((progress.done / progress.of) * 100)} showText /> : null}
                        <Button type='primary' block loading={busy} disabled={st.settlement.stale} onClick={commit}>
                          确认结算并发放
                        </Button>
                        <Text className='muted'>结算后金额进入会员余额，不能撤销；更正只能另记调整。</Text>
                      </View>
                    ) : null}
                  </View>
                )
              }
            </Loaded>
          </View>
        )}
      </Loaded>
    </View>
  )
}
