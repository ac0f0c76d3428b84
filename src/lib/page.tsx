import { View } from '@tarojs/components'
import type { PropsWithChildren, ReactNode } from 'react'
import { EmptyState, ErrorState, Loading } from '../components/States'
import { TabBar } from '../components/TabBar'
import type { CallState } from './useCall'

/** A main page: content above the role-aware tab bar. */
export function TabPage({ tab, children }: PropsWithChildren<{ tab: string }>) {
  return (
    <View className='page'>
      {children}
      <TabBar active={tab} />
    </View>
  )
}

/** Renders loading and error states of a call, and `children(data)` once it has data. */
export function Loaded<T>({ call, children }: { call: CallState<T>; children: (data: T) => ReactNode }) {
  if (call.error && !call.data) return <ErrorState message={call.error} onRetry={() => void call.reload()} />
  if (!call.data) return <Loading />
  return <>{children(call.data)}</>
}

/** A list call: loading and error states, the empty state with `empty`, else `children(items)`. */
export function LoadedList<T>({ call, empty, children }: { call: CallState<T[]>; empty: string; children: (items: T[]) => ReactNode }) {
  return <Loaded call={call}>{(items) => (items.length === 0 ? <EmptyState text={empty} /> : children(items))}</Loaded>
}
