import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { DevPanel } from '../../components/DevPanel'
import { TabPage } from '../../lib/page'
import { useSession } from '../../lib/session'
import { callFn, messageOf } from '../../lib/transport'
import { Button, Cell, CellGroup, Input } from '../../ui/nut'
import { useNotice } from '../../lib/useNotice'

const ROLE_ZH: Record<string, string> = { owner: '店主', manager: '店长', staff: '店员' }

/** Subscribe-message templates, set at build time (TMPL_DIVIDEND, TMPL_WITHDRAWAL); empty in local mode. */
const TEMPLATES: { kind: string; id: string | undefined }[] = [
  { kind: 'dividend_paid', id: TMPL_DIVIDEND },
  { kind: 'withdrawal_decided', id: TMPL_WITHDRAWAL },
]

export default function Me() {
  const { storeId, me, role } = useSession()
  const [nickname, setNickname] = useState('')
  const { bar, setNotice } = useNotice()

  const saveNickname = async () => {
    try {
      await callFn('member', 'setNickname', { storeId, nickname })
      setNotice('昵称已保存')
    } catch (e) {
      setNotice(messageOf(e))
    }
  }
  const subscribe = async () => {
    const usable = TEMPLATES.filter((t) => t.id)
    if (process.env.TARO_ENV !== 'weapp' || usable.length === 0) {
      setNotice('订阅消息仅在微信小程序中可用')
      return
    }
    try {
      const res = (await Taro.requestSubscribeMessage({ tmplIds: usable.map((t) => t.id as string), entityIds: [] })) as unknown as Record<string, string>
      const accepted = usable.filter((t) => res[t.id as string] === 'accept').map((t) => t.kind)
      if (accepted.length) await callFn('member', 'subscribeNotices', { storeId, accepted })
      setNotice(accepted.length ? '已开启通知：分红到账与提现结果会通知你' : '未开启通知')
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  return (
    <TabPage tab='me'>
      {bar}
      <View className='card'>
        <Text className='card__title'>我的身份</Text>
        <Text className='muted'>
          {me?.isMember ? '本店会员' : '尚未加入本店会员'}
          {role ? ` · ${ROLE_ZH[role]}` : ''}
          {me?.chains.length ? ` · 总部管理员（${me.chains.map((c) => c.name).join('、')}）` : ''}
        </Text>
      </View>
      {me?.isMember ? (
        <View className='card'>
          <Text className='card__title'>昵称</Text>
          <Input type='nickname' placeholder='输入昵称（展示给他人时会打码）' value={nickname} onChange={setNickname} />
          <Button size='small' type='primary' onClick={saveNickname}>
            保存
          </Button>
        </View>
      ) : null}
      <CellGroup>
        <Cell title='开启分红与提现通知' clickable onClick={subscribe} />
        <Cell title='分红规则与说明' clickable onClick={() => Taro.navigateTo({ url: '/packages/member/rules/index' })} />
        <Cell title='接受店铺邀请（员工）' clickable onClick={() => Taro.navigateTo({ url: '/packages/staff/invite/index' })} />
      </CellGroup>
      {process.env.TARO_ENV === 'h5' ? <DevPanel /> : null}
    </TabPage>
  )
}
