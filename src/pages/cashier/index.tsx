import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { QrCode } from '../../components/QrCode'
import { EmptyState } from '../../components/States'
import { formatFen, formatTime, parseYuan } from '../../lib/format'
import { LoadedList, TabPage } from '../../lib/page'
import { useSession } from '../../lib/session'
import { callFn, messageOf } from '../../lib/transport'
import { useCall } from '../../lib/useCall'
import { Button, Cell, CellGroup, Input, Tag } from '../../ui/nut'
import { payUrl } from '../../lib/links'
import type { TodayCapture } from '../../lib/wire'
import { useNotice } from '../../lib/useNotice'

interface Minted {
  token: string
  codeKey: string
  amountFen: number
  expiresAtMs: number
}
interface CodeStatus {
  status: 'open' | 'claimed' | 'voided' | 'expired'
  amountFen: number
  offsetFen: number
  cashDueFen: number
  claimedByName: string | null
}

/** How often the staff screen asks whether the code was claimed. */
const POLL_MS = 1500


export default function Cashier() {
  const { storeId, role } = useSession()
  const [amountText, setAmountText] = useState('')
  const [code, setCode] = useState<Minted | null>(null)
  const [status, setStatus] = useState<CodeStatus | null>(null)
  const [image, setImage] = useState<string | null>(null)
  const { bar, setNotice } = useNotice()
  const [visible, setVisible] = useState(true)
  const today = useCall<TodayCapture[]>('checkout', 'todayCaptures', { storeId }, { skip: !storeId || !role })
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  useDidShow(() => setVisible(true))
  useDidHide(() => setVisible(false))

  // Follow the code live until it is claimed, voided or expired.
  useEffect(() => {
    if (!code || !visible) return
    const poll = async () => {
      try {
        const s = await callFn<CodeStatus>('checkout', 'codeStatus', { storeId, codeKey: code.codeKey })
        setStatus(s)
        if (s.status !== 'open') {
          if (timer.current) clearInterval(timer.current)
          if (s.status === 'claimed') void today.reload()
        }
      } catch {
        // A missed poll is retried on the next tick.
      }
    }
    void poll()
    timer.current = setInterval(poll, POLL_MS)
    return () => {
      if (timer.current) clearInterval(timer.current)
    }
  }, [code, visible, storeId])

  const create = async () => {
    const amountFen = parseYuan(amountText)
    if (!amountFen || amountFen <= 0) {
      setNotice('请输入消费金额')
      return
    }
    try {
      const minted = await callFn<Minted>('checkout', 'createCode', { storeId, amountFen })
      setStatus(null)
      setImage(null)
      setCode(minted)
      if (process.env.TARO_ENV === 'weapp') {
        const img = await callFn<{ pngBase64: string }>('checkout', 'codeImage', { storeId, token: minted.token }).catch(() => null)
        if (img) setImage(`data:image/png;base64,${img.pngBase64}`)
      }
    } catch (e) {
      setNotice(messageOf(e))
    }
  }
  const voidCode = async () => {
    if (!code) return
    try {
      await callFn('checkout', 'voidCode', { storeId, codeKey: code.codeKey })
      setStatus((s) => (s ? { ...s, status: 'voided' } : s))
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  if (!role) {
    return (
      <TabPage tab='cashier'>
        <EmptyState text='你还不是本店员工。请让店主发送邀请。' />
      </TabPage>
    )
  }
  const origin = process.env.TARO_ENV === 'h5' ? window.location.origin : ''
  return (
    <TabPage tab='cashier'>
      {bar}
      <View className='card'>
        <Text className='card__title'>输入消费金额</Text>
        <Input type='digit' placeholder='金额（元）' value={amountText} onChange={setAmountText} />
        <View className='actions'>
          <Button type='primary' block onClick={create}>
            生成付款码
          </Button>
        </View>
      </View>
      {code ? (
        <View className='card' data-testid='code-card'>
          <View className='row'>
            <Text className='card__title'>{formatFen(code.amountFen)}</Text>
            <Tag type={status?.status === 'claimed' ? 'success' : status?.status === 'open' || !status ? 'warning' : 'default'} data-testid='code-status'>
              {statusText(status)}
            </Tag>
          </View>
          {(!status || status.status === 'open') && (image ? <Image src={image} className='wxacode' /> : <QrCode text={payUrl(origin, code.token)} />)}
          {process.env.TARO_ENV === 'h5' && (!status || status.status === 'open') ? (
            <Text className='muted' selectable data-testid='pay-link'>
              {payUrl(origin, code.token)}
            </Text>
          ) : null}
          {status?.status === 'claimed' ? (
            <CellGroup>
              <Cell title='会员' extra={status.claimedByName ?? ''} />
              <Cell title='余额抵扣' extra={formatFen(status.offsetFen)} />
              <Cell title='应收' extra={<Text data-testid='cash-due'>{formatFen(status.cashDueFen)}</Text>} />
            </CellGroup>
          ) : null}
          {status?.status === 'open' || !status ? (
            <Button size='small' fill='outline' onClick={voidCode}>
              作废
            </Button>
          ) : null}
        </View>
      ) : null}
      <Text className='section-title'>今日收银</Text>
      <LoadedList call={today} empty='今天还没有会员消费'>
        {(list) => (
          <CellGroup>
              {list.map((c) => (
                <Cell key={c.purchaseId} title={`${c.memberLabel} · ${formatFen(c.amountFen)}`} description={formatTime(c.capturedAtMs)} extra={c.offsetFen > 0 ? `抵扣 ${formatFen(c.offsetFen)}` : ''} />
              ))}
            </CellGroup>
        )}
      </LoadedList>
      <View className='actions'>
        <Button size='small' fill='none' onClick={() => Taro.navigateTo({ url: '/packages/staff/invite/index' })}>
          接受店铺邀请
        </Button>
      </View>
    </TabPage>
  )
}

function statusText(s: CodeStatus | null): string {
  if (!s || s.status === 'open') return '等待会员扫码'
  if (s.status === 'claimed') return `已由 ${s.claimedByName ?? '会员'} 确认`
  if (s.status === 'voided') return '已作废'
  return '已过期'
}
