import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { withdrawalFeeFen } from '../../../domain/wallet/withdrawal'
import { EmptyState } from '../../components/States'
import { formatFen, formatTime, LEDGER_KIND_ZH, parseYuan, WITHDRAWAL_STATUS_ZH } from '../../lib/format'
import { Loaded, TabPage } from '../../lib/page'
import { useSession } from '../../lib/session'
import { callFn, messageOf, newRequestId } from '../../lib/transport'
import { useCall } from '../../lib/useCall'
import { Button, Cell, CellGroup, Input, Tag } from '../../ui/nut'
import type { WithdrawalView } from '../../lib/wire'
import { useNotice } from '../../lib/useNotice'

interface Ledger {
  balances: { availableFen: number; heldFen: number; frozenFen: number }
  entries: { id: string; kind: string; amountFen: number; createdAtMs: number; note: string | null }[]
}
interface Withdrawals {
  withdrawals: WithdrawalView[]
  transferApp: { mchId: string; appId: string } | null
}
interface RulesView {
  inForce: { rules: { withdrawal: { minFen: number; maxPerDayFen: number; feeRatio: number } } }
}

export default function Wallet() {
  const { storeId } = useSession()
  const ledger = useCall<Ledger>('wallet', 'myLedger', { storeId }, { skip: !storeId })
  const mine = useCall<Withdrawals>('wallet', 'myWithdrawals', { storeId }, { skip: !storeId })
  const rules = useCall<RulesView>('member', 'rules', { storeId }, { skip: !storeId })
  const [amountText, setAmountText] = useState('')
  const { bar, setNotice } = useNotice()
  const [busy, setBusy] = useState(false)
  // One request id per intended withdrawal: a retry after a lost answer is the same withdrawal.
  const requestId = useRef<string | null>(null)
  useDidShow(() => {
    if (storeId) void Promise.all([ledger.reload(), mine.reload()])
  })

  const w = rules.data?.inForce.rules.withdrawal
  const amountFen = parseYuan(amountText)
  const feeFen = w && amountFen ? withdrawalFeeFen(amountFen, w.feeRatio) : 0

  const withdraw = async () => {
    if (!amountFen || amountFen <= 0) {
      setNotice('请输入提现金额')
      return
    }
    requestId.current ??= newRequestId()
    setBusy(true)
    try {
      await callFn('wallet', 'requestWithdrawal', { storeId, amountFen, requestId: requestId.current })
      requestId.current = null
      setAmountText('')
      setNotice('提现申请已提交，等待店主审核')
      await Promise.all([ledger.reload(), mine.reload()])
    } catch (e) {
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const cancel = async (id: string) => {
    try {
      await callFn('wallet', 'cancelWithdrawal', { storeId, withdrawalId: id })
      await Promise.all([ledger.reload(), mine.reload()])
    } catch (e) {
      setNotice(messageOf(e))
    }
  }
  const confirmReceipt = async (item: WithdrawalView) => {
    const app = mine.data?.transferApp
    if (!app || !item.confirmPackage || process.env.TARO_ENV !== 'weapp') return
    const wxApi = (globalThis as unknown as { wx?: { requestMerchantTransfer?: (o: Record<string, unknown>) => void } }).wx
    wxApi?.requestMerchantTransfer?.({
      mchId: app.mchId,
      appId: app.appId,
      package: item.confirmPackage,
      success: () => setNotice('已确认收款，稍后到账'),
      fail: () => setNotice('未完成确认，可稍后再试'),
    })
  }

  return (
    <TabPage tab='wallet'>
      {bar}
      <Loaded call={ledger}>
        {(l) => (
          <View>
            <View className='card card--hero'>
              <View className='figures'>
                <View className='figure'>
                  <Text className='figure__label'>可用余额</Text>
                  <Text className='figure__value' data-testid='wallet-available'>{formatFen(l.balances.availableFen)}</Text>
                </View>
                <View className='figure'>
                  <Text className='figure__label'>提现中</Text>
                  <Text className='figure__value'>{formatFen(l.balances.heldFen)}</Text>
                </View>
              </View>
              {l.balances.frozenFen > 0 ? <Text>风控冻结 {formatFen(l.balances.frozenFen)}</Text> : null}
            </View>
            <View className='card'>
              <Text className='card__title'>提现</Text>
              <Input type='digit' placeholder='提现金额（元）' value={amountText} onChange={setAmountText} />
              {w ? (
                <Text className='muted' data-testid='withdraw-terms'>
                  最低 {formatFen(w.minFen)}，每日最多 {formatFen(w.maxPerDayFen)}；手续费 {formatFen(feeFen)}，实际到账 {formatFen(Math.max(0, (amountFen ?? 0) - feeFen))}
                </Text>
              ) : null}
              <View className='actions'>
                <Button type='primary' block loading={busy} onClick={withdraw}>
                  申请提现
                </Button>
              </View>
            </View>
            <Text className='section-title'>提现记录</Text>
            {(mine.data?.withdrawals ?? []).length === 0 ? <EmptyState text='还没有提现记录' /> : null}
            {(mine.data?.withdrawals ?? []).map((item) => (
              <View key={item.withdrawalId} className='list-item' data-testid='withdrawal'>
                <View className='row'>
                  <Text>{formatFen(item.amountFen)}</Text>
                  <Tag type={item.status === 'paid' ? 'success' : item.status === 'pending' ? 'warning' : 'default'}>{WITHDRAWAL_STATUS_ZH[item.status] ?? item.status}</Tag>
                </View>
                <Text className='muted'>
                  {formatTime(item.requestedAtMs)} · 手续费 {formatFen(item.feeFen)} · 到账 {formatFen(item.netFen)}
                  {item.reason ? ` · ${item.reason}` : ''}
                </Text>
                {item.status === 'pending' ? (
                  <Button size='small' fill='outline' onClick={() => cancel(item.withdrawalId)}>
                    取消申请
                  </Button>
                ) : null}
                {item.confirmPackage ? (
                  <Button size='small' type='primary' onClick={() => confirmReceipt(item)}>
                    确认收款
                  </Button>
                ) : null}
              </View>
            ))}
            <Text className='section-title'>余额明细</Text>
            {l.entries.length === 0 ? <EmptyState text='还没有余额变动' /> : null}
            <CellGroup>
              {l.entries.map((e) => (
                <Cell
                  key={e.id}
                  title={LEDGER_KIND_ZH[e.kind] ?? e.kind}
                  description={formatTime(e.createdAtMs)}
                  extra={<Text className={e.amountFen >= 0 ? 'amount-plus' : 'amount-minus'}>{(e.amountFen >= 0 ? '+' : '') + formatFen(e.amountFen)}</Text>}
                />
              ))}
            </CellGroup>
          </View>
        )}
      </Loaded>
    </TabPage>
  )
}
