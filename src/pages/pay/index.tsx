import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ErrorState } from '../../components/States'
import { formatFen, formatShares, parseYuan } from '../../lib/format'
import { Loaded } from '../../lib/page'
import { useSession } from '../../lib/session'
import { callFn, messageOf } from '../../lib/transport'
import { useCall } from '../../lib/useCall'
import { Button, Cell, CellGroup, Input, NoticeBar, Switch } from '../../ui/nut'
import { tokenFromParams } from '../../lib/links'

interface Peek {
  storeId: string
  storeName: string
  amountFen: number
  sharesUnits: number
  labels: 'dividend' | 'rebate'
  status: 'open' | 'claimed' | 'voided' | 'expired'
  claimedBySelf: boolean
  isMember: boolean
  frozen: boolean
  availableFen: number
}

interface Captured {
  amountFen: number
  offsetFen: number
  cashDueFen: number
  sharesUnits: number
}


const REF_KEY = 'smd.pendingReferral'

export default function Pay() {
  const params = useRouter().params
  const token = tokenFromParams(params)
  const { setStoreId, refresh } = useSession()
  const peek = useCall<Peek>('checkout', 'peekCode', { token }, { skip: !token })
  const [useBalance, setUseBalance] = useState(false)
  const [offsetText, setOffsetText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<Captured | null>(null)

  useEffect(() => {
    if (peek.data) setStoreId(peek.data.storeId)
  }, [peek.data, setStoreId])

  if (!token) return <ErrorState message='付款码无效，请让店员重新生成' />
  const maxOffset = peek.data ? Math.min(peek.data.availableFen, peek.data.amountFen) : 0
  const offsetFen = useBalance ? (offsetText.trim() === '' ? maxOffset : parseYuan(offsetText)) : 0

  const confirm = async () => {
    if (offsetFen === null || offsetFen < 0 || offsetFen > maxOffset) {
      setError('抵扣金额不能超过可用余额或消费金额')
      return
    }
    setBusy(true)
    setError(null)
    try {
      const referralCode = (Taro.getStorageSync(REF_KEY) as string) || undefined
      const r = await callFn<Captured>('checkout', 'capture', { token, offsetFen, ...(referralCode ? { referralCode } : {}) })
      Taro.removeStorageSync(REF_KEY)
      setDone(r)
      void refresh()
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page'>
      {error ? <NoticeBar content={error} /> : null}
      <Loaded call={peek}>
        {(p) =>
          done ? (
            <View className='card' data-testid='pay-done'>
              <Text className='card__title'>付款已确认</Text>
              <CellGroup>
                <Cell title='消费金额' extra={formatFen(done.amountFen)} />
                <Cell title='余额抵扣' extra={formatFen(done.offsetFen)} />
                <Cell title='请向店员支付' extra={formatFen(done.cashDueFen)} />
                <Cell title='本次获得' extra={formatShares(done.sharesUnits, p.labels)} />
              </CellGroup>
              <View className='actions'>
                <Button type='primary' block onClick={() => Taro.reLaunch({ url: '/pages/home/index' })}>
                  回到会员中心
                </Button>
              </View>
            </View>
          ) : p.status !== 'open' ? (
            <ErrorState message={p.claimedBySelf ? '你已确认过这笔消费' : p.status === 'expired' ? '消费码已过期，请让店员重新生成' : p.status === 'voided' ? '该消费码已作废' : '该消费码已被其他会员使用'} />
          ) : (
            <View>
              <View className='card card--hero'>
                <Text className='card__title'>{p.storeName}</Text>
                <View className='figures'>
                  <View className='figure'>
                    <Text className='figure__label'>消费金额</Text>
                    <Text className='figure__value' data-testid='pay-amount'>{formatFen(p.amountFen)}</Text>
                  </View>
                  <View className='figure'>
                    <Text className='figure__label'>本次可得</Text>
                    <Text className='figure__value'>{formatShares(p.sharesUnits, p.labels)}</Text>
                  </View>
                </View>
              </View>
              <CellGroup>
                <Cell
                  title={`用余额抵扣（可用 ${formatFen(p.availableFen)}）`}
                  extra={<Switch checked={useBalance} disabled={maxOffset === 0 || p.frozen} onChange={(v: boolean) => setUseBalance(v)} />}
                />
                {useBalance ? (
                  <Cell title='抵扣金额（元）' extra={<Input type='digit' placeholder={(maxOffset / 100).toFixed(2)} value={offsetText} onChange={setOffsetText} />} />
                ) : null}
                <Cell title='需向店员支付' extra={<Text data-testid='cash-due'>{formatFen(p.amountFen - (offsetFen ?? 0))}</Text>} />
              </CellGroup>
              <Text className='muted note'>
                股份按消费全额计算，与是否使用余额抵扣无关。{p.isMember ? '' : '确认即加入本店会员。'}
              </Text>
              <View className='actions'>
                <Button type='primary' block loading={busy} onClick={confirm}>
                  确认付款
                </Button>
              </View>
            </View>
          )
        }
      </Loaded>
    </View>
  )
}
