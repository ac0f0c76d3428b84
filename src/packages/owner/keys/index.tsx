import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { formatTime } from '../../../lib/format'
import { LoadedList } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { callFn } from '../../../lib/transport'
import { useNotice } from '../../../lib/useNotice'
import { useCall } from '../../../lib/useCall'
import { Button, Cell, CellGroup, Input } from '../../../ui/nut'

interface Key {
  keyId: string
  label: string
  createdAtMs: number
  revokedAtMs: number | null
  actsForStaff: boolean
}

/** POS API keys (the secret is shown once) and the store's checkout signing secret. */
export default function Keys() {
  const { storeId } = useSession()
  const keys = useCall<Key[]>('admin', 'listApiKeys', { storeId }, { skip: !storeId })
  const [label, setLabel] = useState('收银机')
  const [created, setCreated] = useState<{ keyId: string; secret: string } | null>(null)
  const { bar, setNotice, attempt } = useNotice()
  const run = (fn: () => Promise<unknown>) => attempt(async () => (await fn(), await keys.reload()))
  return (
    <View className='page'>
      {bar}
      <View className='card'>
        <Text className='card__title'>新建收银机密钥</Text>
        <Input placeholder='名称' value={label} onChange={setLabel} />
        <Button size='small' type='primary' onClick={() => run(async () => setCreated(await callFn('admin', 'createApiKey', { storeId, label })))}>
          新建
        </Button>
        {created ? (
          <Text className='muted' selectable>
            密钥 ID {created.keyId}；密钥 {created.secret}（只显示这一次，请配置到收银系统）
          </Text>
        ) : null}
      </View>
      <LoadedList call={keys} empty='还没有收银机密钥'>
        {(list) => (
          <CellGroup>
              {list.map((k) => (
                <Cell
                  key={k.keyId}
                  title={`${k.label} · ${k.keyId}`}
                  description={k.revokedAtMs ? `已于 ${formatTime(k.revokedAtMs)} 停用` : `${formatTime(k.createdAtMs)} 创建`}
                  extra={
                    k.revokedAtMs ? null : (
                      <Button size='small' fill='outline' onClick={() => run(() => callFn('admin', 'revokeApiKey', { storeId, keyId: k.keyId }))}>
                        停用
                      </Button>
                    )
                  }
                />
              ))}
            </CellGroup>
        )}
      </LoadedList>
      <View className='card'>
        <Text className='card__title'>付款码签名密钥</Text>
        <Text className='muted'>更换后，所有未使用的付款码立即失效。</Text>
        <Button size='small' type='danger' onClick={() => run(async () => (await callFn('admin', 'rotateSigningSecret', { storeId }), setNotice('签名密钥已更换')))}>
          更换签名密钥
        </Button>
      </View>
    </View>
  )
}
