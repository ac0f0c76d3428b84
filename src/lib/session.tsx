import Taro from '@tarojs/taro'
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type PropsWithChildren } from 'react'
import { callFn } from './transport'

export type StoreRoleName = 'owner' | 'manager' | 'staff'

export interface Me {
  readonly signedIn: boolean
  readonly roles: readonly { storeId: string; storeName: string; role: StoreRoleName }[]
  readonly chains: readonly { chainId: string; name: string; unifiedPool: boolean }[]
  readonly isMember: boolean
}

export interface Session {
  /** The store the app is open in: from a link or scan, else the last one, else the caller's own store. */
  readonly storeId: string | null
  readonly me: Me | null
  readonly ready: boolean
  /** The caller's role in the current store, if any. */
  readonly role: StoreRoleName | null
  setStoreId(storeId: string): void
  refresh(): Promise<void>
}

const STORE_KEY = 'smd.storeId'
const SessionContext = createContext<Session | null>(null)

/** Local mode (H5 on the local host): the demo store, when nothing else names one. */
async function demoStoreId(): Promise<string | null> {
  if (process.env.TARO_ENV !== 'h5') return null
  try {
    const res = await fetch('/dev/users')
    const body = (await res.json()) as { data?: { storeId?: string } }
    return body.data?.storeId ?? null
  } catch {
    return null
  }
}

export function SessionProvider({ children }: PropsWithChildren) {
  const [storeId, setStore] = useState<string | null>(() => (Taro.getStorageSync(STORE_KEY) as string) || null)
  const [me, setMe] = useState<Me | null>(null)
  const [ready, setReady] = useState(false)

  const setStoreId = useCallback((id: string) => {
    Taro.setStorageSync(STORE_KEY, id)
    setStore(id)
  }, [])

  const refresh = useCallback(async () => {
    let id = storeId
    let who = await callFn<Me>('member', 'whoAmI', id ? { storeId: id } : {}).catch(() => null)
    if (!id) {
      id = who?.roles[0]?.storeId ?? (await demoStoreId())
      if (id) {
        setStoreId(id)
        who = await callFn<Me>('member', 'whoAmI', { storeId: id }).catch(() => who)
      }
    }
    setMe(who)
    setReady(true)
  }, [storeId, setStoreId])

  useEffect(() => {
    void refresh()
  }, [refresh])

  const value = useMemo<Session>(
    () => ({ storeId, me, ready, role: me?.roles.find((r) => r.storeId === storeId)?.role ?? null, setStoreId, refresh }),
    [storeId, me, ready, setStoreId, refresh],
  )
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (!session) throw new Error('useSession outside SessionProvider')
  return session
}

/** For tests: a fixed session. */
export function SessionFixture({ value, children }: PropsWithChildren<{ value: Session }>) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}
