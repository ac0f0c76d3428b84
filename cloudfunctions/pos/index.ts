import { contextFor } from '../../server/platform/cloudbase'
import { handlePos } from '../../server/services/pos'

interface HttpEvent {
  headers?: Record<string, string | undefined>
  body?: string
  isBase64Encoded?: boolean
}

/**
 * The POS API over CloudBase's HTTP access service: no WeChat identity; the request is authenticated by its
 * API key, timestamp and HMAC signature instead (SPEC §1).
 */
export async function main(event: HttpEvent, context: unknown) {
  const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]))
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '')
  const result = await handlePos(contextFor(context, null), {
    keyId: headers['x-pos-key'],
    timestamp: headers['x-pos-timestamp'],
    signature: headers['x-pos-signature'],
    body,
  })
  return { statusCode: result.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(result.body) }
}
