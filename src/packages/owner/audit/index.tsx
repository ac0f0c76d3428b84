import { Text, View } from '@tarojs/components'
import { EmptyState } from '../../../components/States'
import { formatTime } from '../../../lib/format'
import { Loaded } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { useCall } from '../../../lib/useCall'

interface Entry {
  id: string
  atMs: number
  action: string
  target: string | null
  before: unknown
  after: unknown
  byOwner: boolean
}

const short = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v).slice(0, 80))

/** The append-only audit log (SPEC §9): who, when, what, before and after. */
export default function Audit() {
  const { storeId } = useSession()
  const log = useCall<{ entries: Entry[] }>('admin', 'auditLog', { storeId }, { skip: !storeId })
  return (
    <View className='page'>
      <Loaded call={log}>
        {(d) =>
          d.entries.length === 0 ? (
            <EmptyState text='还没有审计记录' />
          ) : (
            <View>
              {d.entries.map((e) => (
                <View key={e.id} className='list-item'>
                  <View className='row'>
                    <Text>{e.action}</Text>
                    <Text className='muted'>{formatTime(e.atMs)}</Text>
                  </View>
                  <Text className='muted'>
                    {e.byOwner ? '店主' : '他人/系统'} · {e.target ?? ''} · {short(e.before)} → {short(e.after)}
                  </Text>
                </View>
              ))}
            </View>
          )
        }
      </Loaded>
    </View>
  )
}
