/**
 * The load generator of `bench capture`, run as its own process: POSTs one capture per token to the local
 * host over loopback with autocannon and prints {rps, p99Ms, errors} as JSON.
 * Usage: captureLoad <port> <tokens.json> <connections>
 */
import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'

const [port, file, connections] = process.argv.slice(2)
const tokens = JSON.parse(readFileSync(file!, 'utf8')) as { token: string; openid: string }[]
let next = 0
const started = performance.now()

const instance = autocannon(
  {
    url: `http://127.0.0.1:${port}`,
    connections: Number(connections ?? 50),
    amount: tokens.length,
    requests: [
      {
        method: 'POST',
        path: '/fn/checkout',
        setupRequest: (req) => {
          const t = tokens[next++ % tokens.length]!
          return { ...req, headers: { 'content-type': 'application/json', 'x-dev-openid': t.openid }, body: JSON.stringify({ action: 'capture', token: t.token }) }
        },
      },
    ],
  },
  (err, result) => {
    if (err) throw err
    // Throughput over the whole run: completed requests / elapsed seconds, timed here. autocannon's
    // requests.average is a mean of whole-second buckets (a partial last second drags it down), and its
    // `duration` moves in whole seconds (every 12,000-request run read 9.04 or 10.04 s).
    const rps = result.requests.total / ((performance.now() - started) / 1000)
    process.stdout.write(JSON.stringify({ rps, p99Ms: result.latency.p99, non2xx: result.non2xx, errors: result.errors, total: result.requests.total, bucketAverage: result.requests.average }))
  },
)
void instance
