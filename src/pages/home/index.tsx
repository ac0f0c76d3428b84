import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { StackBar } from '../../components/BarChart'
import { EmptyState } from '../../components/States'
import { formatFen, formatShares, formatTime, periodLabel, formatIndex } from '../../lib/format'
import { Loaded, TabPage } from '../../lib/page'
import { useSession } from '../../lib/session'
import { callFn, messageOf } from '../../lib/transport'
import { useCall } from '../../lib/useCall'
import { Button, Cell, CellGroup, Input, NoticeBar } from '../../ui/nut'
import { routeForScan } from '../../lib/links'
import { useNotice } from '../../lib/useNotice'

export interface HomeData {
  storeName: string
  labels: 'dividend' | 'rebate'
  disclosure: string
  periodId: string
  periodEndMs: number
  isMember: boolean
  nickname?: string | null
  referralCode?: string
  frozen?: boolean
  sharesUnits?: number
  period?: { ownUnits: number; referredUnits: number; points: number; pointsCounted: number; heldUnits: number; index: number | string }
  estimatedDividendFen?: number | null
  balances?: { availableFen: number; heldFen: number; frozenFen: number }
}

const REF_KEY = 'smd.pendingReferral'


export default function Home() {
  const { storeId, setStoreId, ready, refresh } = useSession()
  const params = useRouter().params
  const { bar, setNotice } = useNotice()
  const [busy, setBusy] = useState(false)
  const [codeText, setCodeText] = useState('')
  useEffect(() => {
    if (params.storeId && params.storeId !== storeId) setStoreId(params.storeId)
    if (params.ref) Taro.setStorageSync(REF_KEY, params.ref)
  }, [params.storeId, params.ref, storeId, setStoreId])
  const home = useCall<HomeData>('member', 'home', { storeId }, { skip: !storeId })
  useDidShow(() => {
    if (storeId) void home.reload()
  })

  const join = async () => {
    setBusy(true)
    try {
      const referralCode = (Taro.getStorageSync(REF_KEY) as string) || undefined
      await callFn('member', 'join', { storeId, ...(referralCode ? { referralCode } : {}) })
      Taro.removeStorageSync(REF_KEY)
      await Promise.all([home.reload(), refresh()])
    } catch (e) {
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }
  const checkIn = async () => {
    try {
      const r = await callFn<{ alreadyToday: boolean }>('member', 'checkIn', { storeId })
      setNotice(r.alreadyToday ? '今天已经签到过了' : '签到成功，互动 +1')
      await home.reload()
    } catch (e) {
      setNotice(messageOf(e))
    }
  }
  const scan = async () => {
    if (process.env.TARO_ENV !== 'weapp') return
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false })
      const url = routeForScan(res.path || res.result)
      if (url) void Taro.navigateTo({ url })
      else setNotice('这不是本店的付款码')
    } catch {
      // The person closed the scanner.
    }
  }
  const openPasted = () => {
    const url = routeForScan(codeText)
    if (url) void Taro.navigateTo({ url })
    else setNotice('无法识别这个付款码链接')
  }

  if (ready && !storeId) {
    return (
      <TabPage tab='home'>
        <EmptyState text='请扫描门店的付款码或会员码开始使用' />
      </TabPage>
    )
  }
  return (
    <TabPage tab='home'>
      {bar}
      <Loaded call={home}>
        {(d) =>
          !d.isMember ? (
            <View className='card'>
              <Text className='card__title'>欢迎来到 {d.storeName}</Text>
              <Text className='muted'>加入会员后，每次消费按金额获得股份，每季度按贡献分享门店利润。</Text>
              <View className='actions'>
                <Button type='primary' block loading={busy} onClick={join}>
                  加入会员
                </Button>
              </View>
              <Text className='disclosure'>{d.disclosure}</Text>
            </View>
          ) : (
            <View>
              <View className='card card--hero'>
                <Text className='card__title'>
                  {d.storeName} · {d.nickname || '会员'}
                </Text>
                <View className='figures'>
                  <View className='figure'>
                    <Text className='figure__label'>我的股份</Text>
                    <Text className='figure__value' data-testid='shares'>{formatShares(d.sharesUnits ?? 0, d.labels)}</Text>
                  </View>
                  <View className='figure'>
                    <Text className='figure__label'>可用余额</Text>
                    <Text className='figure__value' data-testid='balance'>{formatFen(d.balances?.availableFen ?? 0)}</Text>
                  </View>
                  <View className='figure'>
                    <Text className='figure__label'>本期贡献指数</Text>
                    <Text className='figure__value' data-testid='index'>{formatIndex(d.period?.index ?? 0)}</Text>
                  </View>
                  <View className='figure'>
                    <Text className='figure__label'>预估分红（非承诺）</Text>
                    <Text className='figure__value'>{d.estimatedDividendFen == null ? '—' : formatFen(d.estimatedDividendFen)}</Text>
                  </View>
                </View>
              </View>
              {d.frozen ? <NoticeBar content='账户已被冻结，请联系店主' /> : null}
              <View className='card'>
                <Text className='card__title'>{periodLabel(d.periodId)} 贡献构成</Text>
                <StackBar
                  parts={[
                    { label: '本人消费', value: d.period?.ownUnits ?? 0, color: '#fa2c19' },
                    { label: '推荐好友消费', value: d.period?.referredUnits ?? 0, color: '#ff9c6e' },
                    { label: '互动', value: (d.period?.pointsCounted ?? 0) * 10000, color: '#ffc069' },
                  ]}
                />
                <Text className='muted'>本期 {formatTime(d.periodEndMs)} 结束</Text>
              </View>
              <View className='actions'>
                {process.env.TARO_ENV === 'weapp' ? (
                  <Button type='primary' onClick={scan}>
                    扫码付款
                  </Button>
                ) : null}
                <Button type='primary' fill='outline' onClick={checkIn}>
                  每日签到
                </Button>
              </View>
              {process.env.TARO_ENV !== 'weapp' ? (
                <View className='card'>
                  <Text className='card__title'>打开付款码</Text>
                  <Input placeholder='粘贴店员给的付款码链接' value={codeText} onChange={setCodeText} />
                  <Button size='small' type='primary' onClick={openPasted}>
                    打开
                  </Button>
                </View>
              ) : null}
              <CellGroup>
                <Cell title='分红记录' extra='每期明细' clickable onClick={() => Taro.navigateTo({ url: '/packages/member/dividends/index' })} />
                <Cell title='推荐好友' extra='好友消费计入你的贡献' clickable onClick={() => Taro.navigateTo({ url: '/packages/member/referral/index' })} />
                <Cell title='分红规则与说明' clickable onClick={() => Taro.navigateTo({ url: '/packages/member/rules/index' })} />
              </CellGroup>
              <Text className='disclosure'>{d.disclosure}</Text>
            </View>
          )
        }
      </Loaded>
    </TabPage>
  )
}

