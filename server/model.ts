/**
 * The documents stored in each collection (server side). Personal data (openid, nickname) stays here and is
 * never returned to other users; API results are built from these by the services.
 */
import type { CheckoutCodeStatus } from '../types/checkout'
import type { LedgerEffect } from '../types/ledger'
import type { Fen, ShareUnits } from '../types/money'
import type { RuleSet } from '../types/rules'
import type { SettlementTotals } from '../types/settlement'
import type { WithdrawalStatus } from '../domain/wallet/withdrawal'
import type { PurchaseHistogram } from '../domain/fraud/purchaseHistogram'

export type StoreRole = 'owner' | 'manager' | 'staff'

export interface StoreDoc {
  readonly _id: string
  readonly scopeId: string
  readonly chainId: string | null
  readonly name: string
  /** HMAC key of checkout codes; rotating it invalidates open codes (SPEC §1). */
  readonly signingSecret: string
  readonly settings: { readonly managerCanReviewWithdrawals: boolean; readonly cashBufferFen: Fen }
  readonly createdAtMs: number
}

/** A chain (连锁) owns stores (SPEC §1): one pool for all (unifiedPool), or one per branch within bounds. */
export interface ChainDoc {
  readonly _id: string
  readonly name: string
  readonly unifiedPool: boolean
  /** The chain's pool scope when unifiedPool; null when each branch is its own scope. */
  readonly scopeId: string | null
  /** HQ's bounds on branch rules (without unifiedPool). */
  readonly bounds: import('../types/rules').RuleBounds
  readonly createdAtMs: number
}

/** `${chainId}:${openid}`: an HQ admin (总部) sees every store of the chain and acts as owner in each. */
export interface ChainAdminDoc {
  readonly _id: string
  readonly chainId: string
  readonly openid: string
  readonly displayName: string
  readonly addedAtMs: number
}

export interface ScopeDoc {
  readonly _id: string
  readonly kind: 'store' | 'chain'
  readonly name: string
  readonly createdAtMs: number
}

export interface RoleDoc {
  /** `${storeId}:${openid}` */
  readonly _id: string
  readonly storeId: string
  readonly scopeId: string
  readonly openid: string
  /** 'removed' keeps the record (and the staffId their past sales map to) after the owner removes them. */
  readonly role: StoreRole | 'removed'
  /** A stable id to show instead of the openid. */
  readonly staffId: string
  readonly displayName: string
  readonly addedAtMs: number
}

export interface InviteDoc {
  /** The invite code itself. */
  readonly _id: string
  readonly storeId: string
  /** 'owner' only from HQ, for a branch it opened. */
  readonly role: StoreRole
  readonly createdByOpenid: string
  readonly createdAtMs: number
  readonly expiresAtMs: number
  readonly acceptedByOpenid: string | null
}

export interface MemberDoc {
  /** `m` + base62 of sha256(scopeId|openid): found without a lookup, never reversible to the openid. */
  readonly _id: string
  readonly scopeId: string
  readonly openid: string
  readonly nickname: string | null
  readonly referralCode: string
  readonly referredBy: string | null
  readonly boundAtMs: number | null
  readonly joinedAtMs: number
  readonly frozen: boolean
  /** Set when the person asked to be deleted: personal fields are blanked, the ledger stays. */
  readonly anonymizedAtMs?: number
  /** Shares earned per period, kept with each purchase and refund (see services/contribution.ts). */
  readonly periodUnits?: Readonly<Record<string, PeriodUnits>>
  /** Recent capture times per store, for the rapid-captures rule (domain/fraud/rules.ts). */
  readonly recentCaptures?: Readonly<Record<string, readonly number[]>>
}

export interface PeriodUnits {
  /** Shares (0.0001 股) the member earned in the period, net of refunds. */
  readonly own: number
  /** The part of `own` earned within the referral window: it counts for the member's referrer (SPEC §5). */
  readonly forReferrer: number
}

export interface ReferralCodeDoc {
  /** The referral code (scene `r<code>`). */
  readonly _id: string
  readonly memberId: string
  readonly scopeId: string
}

export type AccountKind = 'member' | 'reserve' | 'staff'

export interface AccountDoc {
  /** memberId, `reserve:${scopeId}` or `staff:${storeId}:${staffId}` */
  readonly _id: string
  readonly scopeId: string
  readonly kind: AccountKind
  readonly availableFen: Fen
  readonly heldFen: Fen
  readonly frozenFen: Fen
}

export interface LedgerDoc extends LedgerEffect {
  /** The idempotency key, e.g. `div:${scopeId}:${periodId}:${memberId}`. */
  readonly _id: string
  readonly accountId: string
  readonly scopeId: string
  readonly createdAtMs: number
  readonly periodId: string | null
  /** What caused it: a code key, withdrawal id, settlement id … */
  readonly ref: string | null
  readonly note: string | null
}

export interface CodeDoc {
  /** The code key of the token. */
  readonly _id: string
  readonly storeId: string
  readonly scopeId: string
  readonly amountFen: Fen
  readonly posOrderNo: string | null
  readonly createdByOpenid: string
  readonly createdAtMs: number
  readonly expiresAtMs: number
  readonly status: CheckoutCodeStatus
  readonly claimedByMemberId: string | null
  readonly claimedAtMs: number | null
  readonly offsetFen: Fen
  /** Shown on the staff screen: 张** or 会员1234. */
  readonly claimedByName: string | null
}

export interface PurchaseDoc {
  /** `p:${codeKey}` */
  readonly _id: string
  readonly codeKey: string
  readonly storeId: string
  readonly scopeId: string
  readonly memberId: string
  readonly amountFen: Fen
  readonly offsetFen: Fen
  readonly sharesUnits: ShareUnits
  readonly fenPerShare: number
  readonly ruleVersion: number
  readonly capturedAtMs: number
  readonly periodId: string
  /** The staff member whose code it was (their captured sales, SPEC §2). */
  readonly staffOpenid: string
  readonly refundedFen: Fen
  readonly refundedUnits: ShareUnits
  /** Earned within the buyer's referral window, so its shares count for the referrer (fixed at capture). */
  readonly forReferrer: boolean
}

export interface RuleVersionDoc {
  /** `${scopeId}:v${version}` */
  readonly _id: string
  readonly scopeId: string
  readonly version: number
  readonly rules: RuleSet
  readonly effectiveFromMs: number
  readonly createdAtMs: number
  readonly createdByOpenid: string
}

export interface ApiKeyDoc {
  /** The key id the POS sends in x-pos-key. */
  readonly _id: string
  readonly storeId: string
  readonly scopeId: string
  /** HMAC secret, shown once when the key is made. */
  readonly secret: string
  /** The staff member the key acts for (their sales, their codes); null acts for the owner. */
  readonly actsForOpenid: string | null
  readonly label: string
  readonly createdAtMs: number
  readonly revokedAtMs: number | null
}

/** `_id` = `ck:${memberId}:${day}` (check-in) or `rv:${purchaseId}` (review): interaction points (SPEC §2). */
export interface PointsDoc {
  readonly _id: string
  readonly scopeId: string
  readonly periodId: string
  readonly memberId: string
  readonly points: number
  readonly kind: 'checkin' | 'review'
  readonly createdAtMs: number
  readonly rating?: number
  readonly text?: string
}

export interface StoreStatsDoc {
  readonly _id: string
  readonly histogram: PurchaseHistogram
  /** Captured revenue and each staff member's sales per period, net of refunds (services/contribution.ts). */
  readonly periods?: Readonly<Record<string, StorePeriodSales>>
}

export interface StorePeriodSales {
  readonly salesFen: Fen
  /** By staffKey(creator openid). */
  readonly staff: Readonly<Record<string, Fen>>
}

export interface AuditDoc {
  readonly _id: string
  readonly scopeId: string | null
  readonly storeId: string | null
  readonly atMs: number
  /** openid of the actor, or null for the system (timer). */
  readonly actorOpenid: string | null
  readonly action: string
  readonly target: string | null
  readonly before: unknown
  readonly after: unknown
  readonly requestId: string
}

export interface FraudFlagDoc {
  readonly _id: string
  readonly scopeId: string
  readonly storeId: string | null
  readonly memberId: string
  readonly rule: string
  readonly evidence: Readonly<Record<string, string | number>>
  readonly createdAtMs: number
  readonly status: 'open' | 'cleared' | 'member_frozen'
  readonly ref: string | null
}

export interface WithdrawalDoc {
  /** `w:${memberId}:${requestId}`: the member's client-made request id makes retries idempotent. */
  readonly _id: string
  readonly scopeId: string
  readonly memberId: string
  readonly amountFen: Fen
  readonly feeFen: Fen
  readonly status: WithdrawalStatus
  readonly requestedAtMs: number
  /** Shanghai day of the request, for the daily limit. */
  readonly day: string
  readonly reason: string | null
  readonly note: string | null
  readonly decidedByOpenid: string | null
  readonly decidedAtMs: number | null
  readonly payoutStoreId: string | null
  /** The 商家转账 merchant bill number, fixed when the transfer starts and never changed (SPEC §7). */
  readonly transferBillNo: string | null
  readonly transferStartedAtMs?: number | null
  /** The bill's last known state at WeChat Pay, and what the member's app needs to confirm receipt. */
  readonly transferState?: import('../domain/wallet/transferSync').TransferState | null
  readonly transferPackageInfo?: string | null
}

export interface ProfitDoc {
  /** `${scopeId}:${periodId}` */
  readonly _id: string
  readonly scopeId: string
  readonly periodId: string
  readonly declaredFen: Fen | null
  readonly estimatedFen: Fen | null
  readonly note: string
  readonly updatedAtMs: number
  readonly updatedByOpenid: string
}

export interface SnapshotChunkDoc {
  /** `${settlementId}:${chunk}` */
  readonly _id: string
  readonly settlementId: string
  readonly chunk: number
  readonly rows: readonly import('../types/settlement').SettlementMemberRow[]
}

export interface RefundDoc {
  /** `r:${purchaseId}:${requestId}`: a retried refund is the same refund. */
  readonly _id: string
  readonly purchaseId: string
  readonly scopeId: string
  readonly storeId: string
  readonly memberId: string
  readonly refundFen: number
  readonly sharesRefundedUnits: number
  readonly offsetRefundFen: number
  readonly cashRefundFen: number
  readonly clawbackFen: number
  readonly reason: string
  readonly createdAtMs: number
  readonly byOpenid: string
}

export type SettlementStatus = 'previewed' | 'committing' | 'settled'

export interface SettlementDoc {
  /** `${scopeId}:${periodId}` */
  readonly _id: string
  readonly scopeId: string
  readonly periodId: string
  readonly status: SettlementStatus
  readonly ruleVersion: number
  readonly totals: SettlementTotals
  readonly staff: readonly import('../types/settlement').SettlementStaffRow[]
  readonly chunkCount: number
  /** The first memberId of each snapshot chunk (rows are sorted by memberId): finds a member's row in one read. */
  readonly chunkFirstIds: readonly string[]
  /** Set when a refund touched the period after this preview: the preview must be made again before commit. */
  readonly stale: boolean
  /** Commit progress: the next chunk, and the next row in it, to write. */
  readonly cursorChunk: number
  readonly cursorRow: number
  /** sha256 over the paid rows (domain/settlement/digest.ts), computed at preview; becomes `digest` when settled. */
  readonly snapshotDigest: string
  /** Revenue captured in the period (less refunds): the coverage ratio's denominator. */
  readonly capturedFen: number
  readonly previewedAtMs: number
  readonly commitStartedAtMs: number | null
  readonly settledAtMs: number | null
  readonly digest: string | null
  readonly dueAtMs: number
}
