import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

/** A real local host (scripts/start.ts) in child processes on its own data directory: for end-to-end tests and benchmarks. */
export class LocalHost {
  readonly port = 20_000 + Math.floor(Math.random() * 20_000)

  /** A fresh temporary data directory unless one is given (a benchmark reuses its database). */
  constructor(readonly dataDir: string = mkdtempSync(path.join(os.tmpdir(), 'smd-host-'))) {}
  private child: ChildProcess | null = null
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 })

  async start(env: Record<string, string> = {}): Promise<void> {
    const root = path.resolve(__dirname, '..', '..')
    this.child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'start.ts')], {
      cwd: root,
      env: { ...process.env, DATA_DIR: this.dataDir, PORT: String(this.port), NO_H5: '1', SEED: '0', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const deadline = Date.now() + 60_000
    for (;;) {
      try {
        const r = await this.request('GET', '/healthz')
        if (r.status === 200) return
      } catch {
        /* not listening yet */
      }
      if (Date.now() > deadline) throw new Error('local host did not start')
      await new Promise((r) => setTimeout(r, 200))
    }
  }

  request(method: string, urlPath: string, body?: unknown, openid?: string): Promise<{ status: number; json: unknown; pid: string }> {
    return new Promise((resolve, reject) => {
      const text = body === undefined ? '' : JSON.stringify(body)
      const req = http.request(
        { host: '127.0.0.1', port: this.port, method, path: urlPath, agent: this.agent, headers: { 'content-type': 'application/json', ...(openid ? { 'x-dev-openid': openid } : {}) } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const raw = Buffer.concat(chunks).toString('utf8')
            resolve({ status: res.statusCode ?? 0, json: raw ? (JSON.parse(raw) as unknown) : null, pid: String(res.headers['x-worker-pid'] ?? '') })
          })
        },
      )
      req.on('error', reject)
      req.end(text)
    })
  }

  /** A function call that must succeed. */
  async fn<T>(name: string, action: string, input: Record<string, unknown>, openid: string): Promise<T> {
    const r = await this.request('POST', `/fn/${name}`, { action, ...input }, openid)
    const env = r.json as { ok: boolean; data?: T; code?: string }
    if (!env.ok) throw new Error(`${name}.${action}: ${env.code}`)
    return env.data as T
  }

  async stop(): Promise<void> {
    this.agent.destroy()
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((r) => this.child!.once('exit', r))
      this.child.kill('SIGTERM')
      await exited
    }
  }

  cleanup(): void {
    rmSync(this.dataDir, { recursive: true, force: true })
  }
}
