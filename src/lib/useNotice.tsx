import { useState } from 'react'
import { NoticeBar } from '../ui/nut'
import { messageOf } from './transport'

/**
 * The one-line notice a page shows after an action: what happened, or the error's plain Chinese.
 * `attempt` runs an action, shows `done` when it succeeds and the error otherwise, and says which it was.
 */
export function useNotice() {
  const [notice, setNotice] = useState<string | null>(null)
  const bar = notice ? <NoticeBar content={notice} closeable onClose={() => setNotice(null)} /> : null
  async function attempt(fn: () => Promise<unknown>, done?: string): Promise<boolean> {
    try {
      await fn()
      if (done) setNotice(done)
      return true
    } catch (e) {
      setNotice(messageOf(e))
      return false
    }
  }
  return { bar, setNotice, attempt }
}
