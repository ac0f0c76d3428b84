import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { useSession } from '../../../lib/session'
import { callFn, messageOf } from '../../../lib/transport'
import { Button, Input, NoticeBar } from '../../../ui/nut'

/** Opening an invite (scanned or a link): name yourself and become the store's staff, manager or owner. */
export default function Invite() {
  const params = useRouter().params
  const { setStoreId, refresh } = useSession()
  const [code, setCode] = useState(params.code ?? '')
  const [name, setName] = useState('')
  const [notice, setNotice] = useState<string | null>(null)
  const accept = async () => {
    try {
      const r = await callFn<{ storeId: string; role: string }>('admin', 'acceptInvite', { inviteCode: code.trim(), displayName: name.trim() })
      setStoreId(r.storeId)
      await refresh()
      void Taro.reLaunch({ url: r.role === 'staff' ? '/pages/cashier/index' : '/pages/manage/index' })
    } catch (e) {
      setNotice(messageOf(e))
    }
  }
  return (
    <View className='page'>
      {notice ? <NoticeBar content={notice} /> : null}
      <View className='card'>
        <Text className='card__title'>加入门店团队</Text>
        <Input placeholder='邀请码' value={code} onChange={setCode} />
        <Input placeholder='你的称呼，如 小王' value={name} onChange={setName} />
        <Button type='primary' block onClick={accept} disabled={!code || !name}>
          接受邀请
        </Button>
      </View>
    </View>
  )
}
