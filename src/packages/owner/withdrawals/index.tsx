import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatFen, formatTime, WITHDRAWAL_STATUS_ZH } from '../../../lib/format'
import { LoadedList } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { callFn } from '../../../lib/transport'
import { useCall } from '../../../lib/useCall'
import { Button, Input, Tag } from '../../../ui/nut'
import type { WithdrawalView } from '../../../lib/wire'
import { useNotice } from '../../../lib/useNotice'

/** A queue entry: the withdrawal with the masked member and how long it has waited. */
interface Item extends WithdrawalView {
  readonly memberLabel: string
  readonly pendingDays: number
}

type Tab = 'pending' | 'approved' | 'transferring'
const TABS: { key: Tab; label: string }[] = [
  { key: 'pending', label: '待审核' },
  { key: 'approved', label: '待打款' },
  { key: 'transferring', label: '微信打款中' },
]

/** The queue: approve, reject with a reason, mark paid with a note — each one tap from the list. */
export default function Withdrawals() {
  const { storeId } = useSession()
  const [tab, setTab] = useState<Tab>('pending')
  const queue = useCall<Item[]>('admin', 'withdrawalQueue', { storeId, status: tab }, { skip: !storeId })
  const [reason, setReason] = useState<Record<string, string>>({})
  const [note, setNote] = useState<Record<string, string>>({})
  const { bar, attempt } = useNotice()

  const act = (withdrawalId: string, body: Record<string, unknown>, action = 'reviewWithdrawal') =>
    attempt(async () => (await callFn('admin', action, { storeId, withdrawalId, ...body }), await queue.reload()), '已处理')

  return (
    <View className='page'>
      {bar}
      <View className='actions'>
        {TABS.map((t) => (
          <Button key={t.key} size='small' type={t.key === tab ? 'primary' : 'default'} onClick={() => setTab(t.key)}>
            {t.label}
          </Button>
        ))}
      </View>
      <LoadedList call={queue} empty='没有需要处理的提现'>
        {(items) => (
          <View>
              {items.map((w) => (
                <View key={w.withdrawalId} className='card' data-testid='queue-item'>
                  <View className='row'>
                    <Text className='card__title'>
                      {w.memberLabel} · {formatFen(w.amountFen)}
                    </Text>
                    <Tag type={w.pendingDays > 3 ? 'danger' : 'warning'}>{WITHDRAWAL_STATUS_ZH[w.status]}</Tag>
                  </View>
                  <Text className='muted'>
                    {formatTime(w.requestedAtMs)} 申请 · 手续费 {formatFen(w.feeFen)} · 应付 {formatFen(w.netFen)}
                    {w.pendingDays > 0 ? ` · 已等待 ${w.pendingDays} 天` : ''}
                  </Text>
                  {w.status === 'pending' ? (
                    <View>
                      <View className='actions'>
                        <Button size='small' type='primary' onClick={() => act(w.withdrawalId, { decision: 'approve' })}>
                          批准
                        </Button>
                        <Button size='small' onClick={() => act(w.withdrawalId, { decision: 'reject', reason: reason[w.withdrawalId] ?? '' })}>
                          驳回
                        </Button>
                      </View>
                      <Input placeholder='驳回原因（驳回时必填）' value={reason[w.withdrawalId] ?? ''} onChange={(v: string) => setReason({ ...reason, [w.withdrawalId]: v })} />
                    </View>
                  ) : null}
                  {w.status === 'approved' ? (
                    <View>
                      <Input placeholder='付款备注，如“微信转账 12:30”' value={note[w.withdrawalId] ?? ''} onChange={(v: string) => setNote({ ...note, [w.withdrawalId]: v })} />
                      <View className='actions'>
                        <Button size='small' type='primary' onClick={() => act(w.withdrawalId, { decision: 'markPaid', note: note[w.withdrawalId] ?? '' })}>
                          标记已付
                        </Button>
                        <Button size='small' onClick={() => act(w.withdrawalId, {}, 'startTransfer')}>
                          微信打款
                        </Button>
                      </View>
                    </View>
                  ) : null}
                  {w.status === 'transferring' ? (
                    <Button size='small' onClick={() => act(w.withdrawalId, {}, 'syncTransfer')}>
                      刷新打款状态
                    </Button>
                  ) : null}
                </View>
              ))}
            </View>
        )}
      </LoadedList>
    </View>
  )
}
