import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { formatTime } from '../lib/format'
import { useSession } from '../lib/session'
import { Button, Cell, CellGroup, NoticeBar } from '../ui/nut'

interface DemoUser {
  openid: string
  name: string
  role: string
}

const DAY_MS = 86_400_000

/**
 * Local mode only (H5 on the local host): sign in as any demo user to try every role, and move the dev
 * clock (SPEC §2) so a period ends and can be settled while you watch. Never in the mini-program build.
 */
export function DevPanel() {
  const { refresh } = useSession()
  const [users, setUsers] = useState<DemoUser[]>([])
  const [current, setCurrent] = useState<string | null>(null)
  const [clock, setClock] = useState<{ offsetMs: number; nowMs: number } | null>(null)
  const [message, setMessage] = useState<string | null>(null)

  useEffect(() => {
    void fetch('/dev/users')
      .then((r) => r.json())
      .then((b: { data?: { users?: DemoUser[] } }) => setUsers(b.data?.users ?? []))
    void loadClock()
    const m = /(?:^|;\s*)dev_openid=([A-Za-z0-9_-]+)/.exec(document.cookie)
    setCurrent(m ? (m[1] as string) : null)
  }, [])

  async function loadClock() {
    const r = await fetch('/dev/clock')
    const b = (await r.json()) as { data: { offsetMs: number; nowMs: number } }
    setClock(b.data)
  }
  async function login(openid: string) {
    await fetch('/dev/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ openid }) })
    setCurrent(openid)
    await refresh()
    void Taro.reLaunch({ url: '/pages/home/index' })
  }
  async function advance(days: number) {
    const r = await fetch('/dev/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: days * DAY_MS }) })
    const b = (await r.json()) as { data: { offsetMs: number; nowMs: number } }
    setClock(b.data)
    setMessage(`时钟已前进 ${days} 天`)
  }
  async function runTimer() {
    const r = await fetch('/dev/timer', { method: 'POST' })
    const b = (await r.json()) as { data: { previewed: string[]; committed: string[]; awaitingProfit: string[] } }
    setMessage(`定时任务已运行：预览 ${b.data.previewed.length}，结算 ${b.data.committed.length}，待申报利润 ${b.data.awaitingProfit.length}`)
  }

  return (
    <View className='card' data-testid='dev-panel'>
      <Text className='card__title'>本地演示面板</Text>
      {message ? <NoticeBar content={message} /> : null}
      <Text className='muted'>选择一个演示身份登录（仅本地模式）：</Text>
      <CellGroup>
        {users.map((u) => (
          <Cell key={u.openid} title={u.name} description={u.role} extra={u.openid === current ? '当前' : '登录'} clickable onClick={() => login(u.openid)} data-openid={u.openid} />
        ))}
      </CellGroup>
      <Text className='card__title spaced'>
        开发时钟
      </Text>
      <Text className='muted' data-testid='dev-clock'>
        现在：{clock ? formatTime(clock.nowMs) : '—'}（偏移 {clock ? Math.round(clock.offsetMs / DAY_MS) : 0} 天）
      </Text>
      <View className='actions'>
        <Button size='small' onClick={() => advance(1)}>
          +1 天
        </Button>
        <Button size='small' onClick={() => advance(7)}>
          +7 天
        </Button>
        <Button size='small' onClick={() => advance(30)}>
          +30 天
        </Button>
        <Button size='small' onClick={() => advance(100)}>
          +100 天
        </Button>
        <Button size='small' type='primary' fill='outline' onClick={runTimer}>
          运行每日定时任务
        </Button>
      </View>
    </View>
  )
}
