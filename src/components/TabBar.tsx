import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useSession, type Me, type StoreRoleName } from '../lib/session'
import './TabBar.css'

export interface Tab {
  readonly key: string
  readonly label: string
  readonly url: string
}

/** Which tabs a person sees: everyone is a member; staff add 收银, owners and managers 管理, HQ 总部. */
export function tabsFor(role: StoreRoleName | null, me: Me | null): Tab[] {
  const tabs: Tab[] = [
    { key: 'home', label: '会员', url: '/pages/home/index' },
    { key: 'wallet', label: '钱包', url: '/pages/wallet/index' },
  ]
  if (role) tabs.push({ key: 'cashier', label: '收银', url: '/pages/cashier/index' })
  if (role === 'owner' || role === 'manager') tabs.push({ key: 'manage', label: '管理', url: '/pages/manage/index' })
  if (me?.chains.length) tabs.push({ key: 'hq', label: '总部', url: '/packages/owner/hq/index' })
  tabs.push({ key: 'me', label: '我的', url: '/pages/me/index' })
  return tabs
}

/** The role-aware tab bar at the foot of each main page. */
export function TabBar({ active }: { active: string }) {
  const { role, me } = useSession()
  return (
    <View className='tabbar' role='tablist'>
      {tabsFor(role, me).map((tab) => (
        <View
          key={tab.key}
          role='tab'
          aria-selected={tab.key === active}
          className={`tabbar__item${tab.key === active ? ' tabbar__item--active' : ''}`}
          onClick={() => tab.key !== active && Taro.reLaunch({ url: tab.url })}
        >
          <Text>{tab.label}</Text>
        </View>
      ))}
    </View>
  )
}
