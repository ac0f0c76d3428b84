import * as z from 'zod'
import { checkPosSignature } from '../../domain/checkout/posSignature'
import { fenSchema } from '../../types/moneySchema'
import type { ApiKeyDoc, RoleDoc } from '../model'
import { action } from '../runtime/action'
import { appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import type { Envelope } from '../../types/envelope'
import { ERROR_MESSAGES_ZH, type ErrorCode } from '../../types/errors'
import { writeAudit, writeAuditTx } from './audit'
import { createCodeFor } from './checkout'
import { randomId, randomSecret } from './ids'
import { requireRole } from './roles'

const storeIdSchema = z.string().min(1).max(64)

/** The owner makes a POS key, optionally acting for a staff member; the secret is shown only now. */
export const createApiKey = action(z.object({ storeId: storeIdSchema, label: z.string().trim().min(1).max(40), staffId: z.string().min(1).max(64).optional() }).strict(), async (ctx, input) => {
  const owner = await requireRole(ctx, input.storeId, ['owner'])
  let actsForOpenid: string | null = null
  if (input.staffId) {
    const roles = await ctx.storage.query<RoleDoc>('roles', { where: { storeId: input.storeId }, limit: 1000 })
    const staff = roles.docs.find((r) => r.staffId === input.staffId && r.role !== 'removed')
    if (!staff) appError('not_found')
    actsForOpenid = staff.openid
  }
  const key: ApiKeyDoc = {
    _id: randomId(ctx.crypto, 'pk', 16),
    storeId: input.storeId,
    scopeId: owner.scopeId,
    secret: randomSecret(ctx.crypto),
    actsForOpenid,
    label: input.label,
    createdAtMs: ctx.nowMs,
    revokedAtMs: null,
  }
  await ctx.storage.transaction(async (tx) => {
    await tx.set('apiKeys', key)
    await writeAuditTx(tx, ctx, { action: 'api_key_created', scopeId: owner.scopeId, storeId: input.storeId, target: key._id, after: { label: key.label, staffId: input.staffId ?? null } })
  })
  return { keyId: key._id, secret: key.secret, label: key.label }
})

/** Revoking a key (rotation = a new key, then revoke the old). */
export const revokeApiKey = action(z.object({ storeId: storeIdSchema, keyId: z.string().min(1).max(64) }).strict(), async (ctx, input) => {
  const owner = await requireRole(ctx, input.storeId, ['owner'])
  const done = await ctx.storage.update('apiKeys', input.keyId, { set: { revokedAtMs: ctx.nowMs } }, { storeId: input.storeId, revokedAtMs: null })
  if (!done) appError('not_found')
  await writeAudit(ctx, { action: 'api_key_revoked', scopeId: owner.scopeId, storeId: input.storeId, target: input.keyId })
  return { keyId: input.keyId, revoked: true }
})

export const listApiKeys = action(z.object({ storeId: storeIdSchema }).strict(), async (ctx, input) => {
  await requireRole(ctx, input.storeId, ['owner'])
  const page = await ctx.storage.query<ApiKeyDoc>('apiKeys', { where: { storeId: input.storeId }, limit: 100 })
  return page.docs.map((k) => ({ keyId: k._id, label: k.label, createdAtMs: k.createdAtMs, revokedAtMs: k.revokedAtMs, actsForStaff: k.actsForOpenid !== null }))
})

export const posKeyActions = { createApiKey, revokeApiKey, listApiKeys }

export interface PosRequest {
  readonly keyId: string | undefined
  readonly timestamp: string | undefined
  readonly signature: string | undefined
  /** The raw body exactly as received: the signature covers these bytes. */
  readonly body: string
}

const posBody = z.object({ amountFen: fenSchema.min(1).max(100_000_000), posOrderNo: z.string().trim().max(64).optional() }).strict()

/**
 * A cashier system creates a checkout code over HTTP (SPEC §1): key id, timestamp and HMAC-SHA256 over
 * timestamp and body; outside the 5-minute window or with a bad signature it is refused and audited; the
 * same signed request twice is a replay and refused (a nonce per key and signature).
 */
export async function handlePos(ctx: ServiceContext, req: PosRequest): Promise<{ status: number; body: Envelope<unknown> }> {
  const refuse = (status: number, code: ErrorCode) => ({ status, body: { ok: false as const, code, message: ERROR_MESSAGES_ZH[code] } })
  const key = req.keyId && /^pk_[0-9A-Za-z]{16}$/.test(req.keyId) ? await ctx.storage.get<ApiKeyDoc>('apiKeys', req.keyId) : null
  if (!key || key.revokedAtMs !== null) {
    // An unknown key belongs to no store: its record is unscoped. A revoked one shows in its store's log.
    await writeAudit(ctx, { action: 'pos_denied', scopeId: key?.scopeId ?? null, storeId: key?.storeId ?? null, target: req.keyId ?? null, after: { reason: key ? 'revoked' : 'unknown key' } })
    return refuse(401, 'not_authenticated')
  }
  const check = checkPosSignature(ctx.crypto, key.secret, Number(req.timestamp), req.body, req.signature ?? '', ctx.nowMs)
  if (check !== 'ok') {
    await writeAudit(ctx, { action: 'pos_denied', scopeId: key.scopeId, storeId: key.storeId, target: key._id, after: { reason: check } })
    return refuse(401, 'not_authenticated')
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(req.body)
  } catch {
    return refuse(400, 'invalid_input')
  }
  const input = posBody.safeParse(parsed)
  if (!input.success) return refuse(400, 'invalid_input')
  const nonce = { _id: `posnonce:${key._id}:${req.signature}`, atMs: ctx.nowMs }
  if ((await ctx.storage.create('counters', nonce)) === 'exists') {
    await writeAudit(ctx, { action: 'pos_replay', scopeId: key.scopeId, storeId: key.storeId, target: key._id })
    return refuse(409, 'conflict')
  }
  const owner = await ctx.storage.query<RoleDoc>('roles', { where: { storeId: key.storeId, role: 'owner' }, limit: 1 })
  const creator = key.actsForOpenid ?? owner.docs[0]?.openid
  if (!creator) return refuse(404, 'not_found')
  const code = await createCodeFor(ctx, key.storeId, creator, input.data.amountFen, input.data.posOrderNo ?? null)
  return { status: 200, body: { ok: true, data: code } }
}
