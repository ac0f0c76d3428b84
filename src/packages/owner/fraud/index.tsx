import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatTime } from '../../../lib/format'
import { LoadedList } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { callFn, newRequestId } from '../../../lib/transport'
import { useNotice } from '../../../lib/useNotice'
import { useCall } from '../../../lib/useCall'
import { Button } from '../../../ui/nut'

interface Flag {
  flagId: string
  memberId: string
  memberLabel: string
  rule: string
  evidence: Record<string, string | number>
  createdAtMs: number
  status: string
}

const RULE_ZH: Record<string, string> = {
  rapid_captures: '短时间内多次消费',
  self_claim: '店员认领自己生成的付款码',
  outlier_purchase: '单笔金额异常偏高',
  referral_burst: '单日推荐人数过多',
}

/** Fraud flags (SPEC §9): clear, or freeze the member; frozen members can be unfrozen or forfeited. */
export default function Fraud() {
  const { storeId, role } = useSession()
  const [tab, setTab] = useState<'open' | 'member_frozen'>('open')
  const flags = useCall<Flag[]>('admin', 'fraudFlags', { storeId, status: tab }, { skip: !storeId })
  const { bar, attempt } = useNotice()
  const run = (action: string, body: Record<string, unknown>) => attempt(async () => (await callFn('admin', action, { storeId, ...body }), await flags.reload()), '已处理')
  return (
    <View className='page'>
      {bar}
      <View className='actions'>
        <Button size='small' type={tab === 'open' ? 'primary' : 'default'} onClick={() => setTab('open')}>
          待处理
        </Button>
        <Button size='small' type={tab === 'member_frozen' ? 'primary' : 'default'} onClick={() => setTab('member_frozen')}>
          已冻结
        </Button>
      </View>
      <LoadedList call={flags} empty='没有风险标记'>
        {(list) => (
          <View>
              {list.map((f) => (
                <View key={f.flagId} className='card'>
                  <Text className='card__title'>
                    {f.memberLabel} · {RULE_ZH[f.rule] ?? f.rule}
                  </Text>
                  <Text className='muted'>
                    {formatTime(f.createdAtMs)} ·{' '}
                    {Object.entries(f.evidence)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join('，')}
                  </Text>
                  {role === 'owner' ? (
                    <View className='actions'>
                      {f.status === 'open' ? (
                        <>
                          <Button size='small' onClick={() => run('reviewFlag', { flagId: f.flagId, decision: 'clear' })}>
                            无问题
                          </Button>
                          <Button size='small' type='danger' onClick={() => run('reviewFlag', { flagId: f.flagId, decision: 'freeze' })}>
                            冻结会员
                          </Button>
                        </>
                      ) : (
                        <>
                          <Button size='small' onClick={() => run('unfreezeMember', { memberId: f.memberId, requestId: newRequestId() })}>
                            解除冻结
                          </Button>
                          <Button size='small' type='danger' onClick={() => run('forfeitFrozen', { memberId: f.memberId, requestId: newRequestId() })}>
                            没收至储备金
                          </Button>
                        </>
                      )}
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
