import Taro from '@tarojs/taro'
import { type PropsWithChildren } from 'react'
import { SessionProvider } from './lib/session'
import './app.css'

// In the mini-program, functions are reached through Taro.cloud (CLOUD_ENV is the CloudBase environment id
// given at build time; the current environment when empty). H5 talks to the local host instead.
if (process.env.TARO_ENV === 'weapp') {
  Taro.cloud.init(CLOUD_ENV ? { env: CLOUD_ENV } : {})
}

/** The app shell: every page shares one session (the store it is open in, and who is calling). */
function App({ children }: PropsWithChildren) {
  return <SessionProvider>{children}</SessionProvider>
}

export default App
