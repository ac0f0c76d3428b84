import { parseScene } from '../../domain/checkout/token'

// What codes and links carry, and where they lead. Kept out of page files: a page module exports only its
// component (Taro's page loader drops every other export in the mini-program build).

/** The token of a scanned wxacode (`scene`) or an opened code URL (`scene=` in the query). */
export function tokenFromParams(params: Record<string, string | undefined>): string | null {
  const raw = params.scene ?? params.token
  if (!raw) return null
  const scene = decodeURIComponent(raw)
  return parseScene(scene)?.kind === 'checkout' ? scene : null
}

/** Where a scanned code leads: a checkout code to the pay page, a referral code back here with it. */
export function routeForScan(text: string): string | null {
  const fromQuery = /[?&]scene=([^&#]+)/.exec(text)
  const scene = fromQuery ? decodeURIComponent(fromQuery[1] as string) : text.trim()
  const parsed = parseScene(scene)
  if (parsed?.kind === 'checkout') return `/pages/pay/index?scene=${encodeURIComponent(scene)}`
  if (parsed?.kind === 'referral') return `/pages/home/index?ref=${parsed.referralCode}`
  return null
}

/** The URL a member opens from the H5 QR code: the pay page with the token as its scene. */
export function payUrl(origin: string, token: string): string {
  return `${origin}/#/pages/pay/index?scene=${token}`
}

/** The path a shared card or link opens: the member home of this store with the referral code. */
export function referralPath(storeId: string, code: string): string {
  return `/pages/home/index?storeId=${storeId}&ref=${code}`
}

export function invitePath(code: string): string {
  return `/packages/staff/invite/index?code=${code}`
}
