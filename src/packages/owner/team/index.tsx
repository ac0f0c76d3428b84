import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { QrCode } from '../../../components/QrCode'
import { formatTime } from '../../../lib/format'
import { Loaded } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { callFn } from '../../../lib/transport'
import { useNotice } from '../../../lib/useNotice'
import { useCall } from '../../../lib/useCall'
import { Button, Cell, CellGroup } from '../../../ui/nut'
import { invitePath } from '../../../lib/links'

interface Role {
  staffId: string
  role: 'owner' | 'manager' | 'staff'
  displayName: string
  addedAtMs: number
}
const ROLE_ZH = { owner: '店主', manager: '店长', staff: '店员' }


/** Staff and roles; one-time invites (24 h) shown as a QR code to scan or a link to open. */
export default function Team() {
  const { storeId, role } = useSession()
  const roles = useCall<Role[]>('admin', 'listRoles', { storeId }, { skip: !storeId })
  const [invite, setInvite] = useState<{ inviteCode: string; role: string; expiresAtMs: number } | null>(null)
  const { bar, attempt } = useNotice()
  const create = (r: 'manager' | 'staff') => attempt(async () => setInvite(await callFn('admin', 'createInvite', { storeId, role: r })))
  const remove = (staffId: string) => attempt(async () => (await callFn('admin', 'removeRole', { storeId, staffId }), await roles.reload()))
  const origin = process.env.TARO_ENV === 'h5' ? window.location.origin : ''
  return (
    <View className='page'>
      {bar}
      <Loaded call={roles}>
        {(list) => (
          <CellGroup>
            {list.map((r) => (
              <Cell
                key={r.staffId}
                title={`${r.displayName} · ${ROLE_ZH[r.role]}`}
                description={`${formatTime(r.addedAtMs)} 加入`}
                extra={
                  role === 'owner' && r.role !== 'owner' ? (
                    <Button size='small' fill='outline' onClick={() => remove(r.staffId)}>
                      移除
                    </Button>
                  ) : null
                }
              />
            ))}
          </CellGroup>
        )}
      </Loaded>
      {role === 'owner' ? (
        <View className='actions'>
          <Button type='primary' onClick={() => create('staff')}>
            邀请店员
          </Button>
          <Button onClick={() => create('manager')}>邀请店长</Button>
        </View>
      ) : null}
      {invite ? (
        <View className='card' data-testid='invite'>
          <Text className='card__title'>请对方扫码或打开链接（{formatTime(invite.expiresAtMs)} 前有效，仅一次）</Text>
          <QrCode text={`${origin}/#${invitePath(invite.inviteCode)}`} size={360} />
          <Text className='muted' selectable>
            {`${origin}/#${invitePath(invite.inviteCode)}`}
          </Text>
        </View>
      ) : null}
    </View>
  )
}
