/**
 * `npm start`: builds the H5 app and serves it from one local host on 127.0.0.1 (PORT, default 8686),
 * with GET /healthz. The backend issue adds every cloud function's handler at POST /fn/<name> to this host.
 * SKIP_BUILD=1 serves the existing dist/h5 without rebuilding.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import sirv from 'sirv'

const root = path.resolve(__dirname, '..')
const h5Dir = path.join(root, 'dist', 'h5')
const port = Number(process.env.PORT ?? 8686)
const host = '127.0.0.1'

function buildH5(): void {
  console.log('building the H5 app (dist/h5)…')
  const taro = path.join(root, 'node_modules', '.bin', 'taro')
  const result = spawnSync(taro, ['build', '--type', 'h5'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  if (result.status !== 0) {
    console.error('H5 build failed')
    process.exit(result.status ?? 1)
  }
}

function main(): void {
  if (process.env.SKIP_BUILD !== '1' || !existsSync(path.join(h5Dir, 'index.html'))) buildH5()
  const assets = sirv(h5Dir, { single: true, etag: true })
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ ok: true }))
      return
    }
    assets(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('not found')
    })
  })
  server.listen(port, host, () => {
    console.log(`门店会员分红 is running at http://${host}:${port}/`)
  })
  const stop = () => server.close(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main()
