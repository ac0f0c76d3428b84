import { useCallback, useEffect, useRef, useState } from 'react'
import { callFn, messageOf, type FunctionName } from './transport'

export interface CallState<T> {
  readonly data: T | null
  readonly error: string | null
  readonly loading: boolean
  reload(): Promise<void>
}

/**
 * Loads one action's data when the page opens (and when `key` changes); `skip` waits for what the input
 * needs (e.g. the store id). Pages render loading, error and empty states from it.
 */
export function useCall<T>(fn: FunctionName, action: string, input: Record<string, unknown>, options: { skip?: boolean; key?: string } = {}): CallState<T> {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(!options.skip)
  const inputRef = useRef(input)
  inputRef.current = input
  const key = options.key ?? JSON.stringify(input)
  const reload = useCallback(async () => {
    setLoading(true)
    try {
      setData(await callFn<T>(fn, action, inputRef.current))
      setError(null)
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }, [fn, action])
  useEffect(() => {
    if (!options.skip) void reload()
  }, [reload, key, options.skip])
  return { data, error, loading, reload }
}
