import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatFen, formatTime, parseYuan } from '../../../lib/format'
import { LoadedList } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { callFn, newRequestId } from '../../../lib/transport'
import { useNotice } from '../../../lib/useNotice'
import { useCall } from '../../../lib/useCall'
import { Button, Input } from '../../../ui/nut'
import type { TodayCapture } from '../../../lib/wire'


/** Refund part or all of today's purchases (SPEC §4.5): shares come back, offsets return to the balance. */
export default function Refunds() {
  const { storeId } = useSession()
  const today = useCall<TodayCapture[]>('checkout', 'todayCaptures', { storeId }, { skip: !storeId })
  const [amount, setAmount] = useState<Record<string, string>>({})
  const { bar, attempt } = useNotice()
  const refund = async (c: TodayCapture) => {
    const refundFen = parseYuan(amount[c.purchaseId] ?? '') ?? c.amountFen - c.refundedFen
    await attempt(async () => (await callFn('checkout', 'refund', { storeId, purchaseId: c.purchaseId, refundFen, reason: '顾客退货', requestId: newRequestId() }), await today.reload()), `已退款 ${formatFen(refundFen)}`)
  }
  return (
    <View className='page'>
      {bar}
      <Text className='section-title'>今日消费</Text>
      <LoadedList call={today} empty='今天还没有可退款的消费'>
        {(list) => (
          <View>
              {list.map((c) => (
                <View key={c.purchaseId} className='card'>
                  <Text className='card__title'>
                    {c.memberLabel} · {formatFen(c.amountFen)}
                  </Text>
                  <Text className='muted'>
                    {formatTime(c.capturedAtMs)} · 已退 {formatFen(c.refundedFen)}
                  </Text>
                  {c.refundedFen < c.amountFen ? (
                    <View className='row'>
                      <Input type='digit' placeholder={`退款金额，默认全部 ${((c.amountFen - c.refundedFen) / 100).toFixed(2)}`} value={amount[c.purchaseId] ?? ''} onChange={(v: string) => setAmount({ ...amount, [c.purchaseId]: v })} />
                      <Button size='small' type='danger' onClick={() => refund(c)}>
                        退款
                      </Button>
                    </View>
                  ) : null}
                </View>
              ))}
            </View>
        )}
      </LoadedList>
    </View>
  )
}
