import { type PropsWithChildren } from 'react'
import './app.css'

// The app shell: pages are registered in app.config.ts; this component only wraps them.
function App({ children }: PropsWithChildren) {
  return children
}

export default App
