import http from 'node:http'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import sirv from 'sirv'
import { FUNCTIONS, isFunctionName } from '../functions'
import { dispatch } from '../runtime/dispatch'
import { writeAudit } from '../services/audit'
import { handlePos } from '../services/pos'
import { runDaily } from '../services/timer'
import type { Storage } from '../storage/types'
import { clockOffsetMs, setClockOffsetMs } from './devClock'
import { localContext } from './localContext'

const MAX_BODY = 64 * 1024
const OPENID_RE = /^[A-Za-z0-9_-]{1,64}$/

export interface HostOptions {
  readonly storage: Storage
  readonly h5Dir: string
  readonly dataDir: string
}

type Assets = ReturnType<typeof sirv> | null

/**
 * The local host: every cloud function's real handler at POST /fn/<name> (JSON event in, JSON envelope
 * out), GET /healthz, the dev panel's endpoints under /dev/ (login, users, clock, timer) and the H5 app.
 * The caller is whoever the dev login names (header x-dev-openid or cookie dev_openid): local mode only.
 */
export function createHost(options: HostOptions): http.Server {
  const assets: Assets = options.h5Dir && existsSync(options.h5Dir) ? sirv(options.h5Dir, { single: true, etag: true }) : null
  return http.createServer((req, res) => {
    // Which process answered: with WORKERS=n, tests check that several shared the work.
    res.setHeader('x-worker-pid', String(process.pid))
    handle(options, assets, req, res).catch((err: unknown) => {
      console.error('local host error:', err)
      if (!res.headersSent) send(res, 500, { ok: false, code: 'internal', message: '系统繁忙，请稍后再试' })
    })
  })
}

async function handle(options: HostOptions, assets: Assets, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const route = `${req.method} ${url.pathname}`
  if (route === 'GET /healthz') return send(res, 200, { ok: true })

  const fn = /^\/fn\/([a-z]+)$/.exec(url.pathname)
  if (fn && req.method === 'POST') {
    const name = fn[1] as string
    if (!isFunctionName(name)) return send(res, 404, { ok: false, code: 'not_found', message: '找不到相关记录' })
    const body = await readJson(req)
    if (body === TOO_LARGE) return send(res, 413, { ok: false, code: 'invalid_input', message: '提交的内容有误，请检查后重试' })
    const ctx = await localContext(options.storage, callerOf(req))
    return send(res, 200, await dispatch(FUNCTIONS[name], body, ctx))
  }

  if (route === 'POST /pos/checkout') {
    const body = await readText(req)
    if (body === TOO_LARGE) return send(res, 413, { ok: false, code: 'invalid_input', message: '提交的内容有误，请检查后重试' })
    const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined)
    const result = await handlePos(await localContext(options.storage, null), {
      keyId: header('x-pos-key'),
      timestamp: header('x-pos-timestamp'),
      signature: header('x-pos-signature'),
      body,
    })
    return send(res, result.status, result.body)
  }

  if (route === 'GET /dev/users') return send(res, 200, demoUsers(options.dataDir))
  if (route === 'POST /dev/login') {
    const body = (await readJson(req)) as { openid?: unknown } | null
    const openid = typeof body?.openid === 'string' && OPENID_RE.test(body.openid) ? body.openid : null
    res.setHeader('set-cookie', openid ? `dev_openid=${openid}; Path=/; SameSite=Lax` : 'dev_openid=; Path=/; Max-Age=0')
    return send(res, 200, { ok: true, data: { openid } })
  }
  if (route === 'GET /dev/clock') {
    const offsetMs = await clockOffsetMs(options.storage)
    return send(res, 200, { ok: true, data: { offsetMs, nowMs: Date.now() + offsetMs } })
  }
  if (route === 'POST /dev/clock') {
    const body = (await readJson(req)) as { offsetMs?: unknown; advanceMs?: unknown } | null
    const before = await clockOffsetMs(options.storage)
    const next = typeof body?.offsetMs === 'number' ? body.offsetMs : typeof body?.advanceMs === 'number' ? before + body.advanceMs : NaN
    if (!Number.isSafeInteger(next)) return send(res, 400, { ok: false, code: 'invalid_input', message: '提交的内容有误，请检查后重试' })
    await setClockOffsetMs(options.storage, next)
    // A dev clock change is a security event of local mode (SPEC §9).
    await writeAudit(await localContext(options.storage, callerOf(req)), { action: 'dev_clock_changed', before, after: next })
    return send(res, 200, { ok: true, data: { offsetMs: next, nowMs: Date.now() + next } })
  }
  if (route === 'POST /dev/timer') {
    const report = await runDaily(await localContext(options.storage, null))
    return send(res, 200, { ok: true, data: report })
  }

  if (req.method === 'GET' && assets) {
    return assets(req, res, () => send(res, 404, { ok: false, code: 'not_found', message: '找不到相关记录' }))
  }
  send(res, 404, { ok: false, code: 'not_found', message: '找不到相关记录' })
}

function callerOf(req: http.IncomingMessage): string | null {
  const header = req.headers['x-dev-openid']
  if (typeof header === 'string' && OPENID_RE.test(header)) return header
  const cookie = /(?:^|;\s*)dev_openid=([A-Za-z0-9_-]{1,64})/.exec(req.headers.cookie ?? '')
  return cookie ? (cookie[1] as string) : null
}

const TOO_LARGE = Symbol('too large')

/** The raw request body (the POS signature covers its exact bytes). */
function readText(req: http.IncomingMessage): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY) chunks.push(chunk)
    })
    req.on('end', () => resolve(size > MAX_BODY ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** The request body as JSON; unparseable JSON reaches dispatch as `null` and is refused there. */
async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const text = await readText(req)
  if (text === TOO_LARGE) return TOO_LARGE
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) })
  res.end(text)
}

function demoUsers(dataDir: string): unknown {
  const file = path.join(dataDir, 'demo.json')
  if (!existsSync(file)) return { ok: true, data: { users: [] } }
  return { ok: true, data: JSON.parse(readFileSync(file, 'utf8')) as unknown }
}
