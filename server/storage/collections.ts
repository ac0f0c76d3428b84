/**
 * Every collection and its indexes, declared once: the SQLite adapter creates them as expression indexes,
 * the CloudBase set-up script creates them in an environment. Chains are there from day one: scope-level
 * records carry `scopeId`, store-level records also `storeId` (SPEC §1).
 *
 * An index lists fields in order; queries filter on a prefix of them with equality and then range/sort on
 * the next one.
 */
export const COLLECTIONS = {
  chains: [],
  /** `_id` = `${chainId}:${openid}`: HQ admins. */
  chainAdmins: [['openid'], ['chainId']],
  stores: [['chainId'], ['scopeId']],
  /** A pool scope: a single store, or a chain with unifiedPool. */
  scopes: [],
  /** `_id` = `${storeId}:${openid}`: a person's role in a store. */
  roles: [['storeId', 'role'], ['openid'], ['scopeId', 'role']],
  invites: [['storeId', 'createdAtMs']],
  apiKeys: [['storeId']],
  /** `_id` = memberId (derived from scope and openid by sha256; never the openid itself). */
  members: [['scopeId', '_id'], ['scopeId', 'referredBy', 'boundAtMs'], ['scopeId', 'joinedAtMs']],
  /** `_id` = the referral code → memberId and scopeId (scenes carry only the code). */
  referralCodes: [],
  /**
   * `_id` = memberId, `reserve:${scopeId}` or `staff:${storeId}:${openid}`. Read by id only: a scope's total
   * of member balances is a counter kept with them (services/ledger.ts), so no balance write pays for an index.
   */
  accounts: [],
  /**
   * `_id` = the entry's idempotency key. Append-only. Only the member's statement queries it (by account);
   * reports read settlements and snapshots, so no other index is paid for on every entry.
   */
  ledger: [['accountId', 'createdAtMs']],
  /** `_id` = codeKey. */
  codes: [['storeId', 'createdAtMs']],
  /** `_id` = `p:${codeKey}`: one purchase per code. */
  purchases: [
    // No (scopeId, periodId) index: settlement reads the running totals (services/contribution.ts), not
    // the purchases, so no capture pays for one.
    ['memberId', 'capturedAtMs'],
    ['storeId', 'capturedAtMs'],
    ['scopeId', 'capturedAtMs'],
  ],
  refunds: [['purchaseId', 'createdAtMs'], ['scopeId', 'createdAtMs']],
  /** `_id` = `ck:${memberId}:${day}` (check-in) or `rv:${purchaseId}` (review). */
  points: [['scopeId', 'periodId', 'memberId'], ['scopeId', 'periodId', '_id']],
  /** `_id` = `${scopeId}:v${version}`. */
  ruleVersions: [['scopeId', 'version']],
  /** `_id` = `${scopeId}:${periodId}`: the declared (or estimated) profit. */
  profits: [['scopeId', 'periodId']],
  /** `_id` = `${scopeId}:${periodId}`. */
  settlements: [['scopeId', 'periodId'], ['status', 'dueAtMs']],
  /** `_id` = `${scopeId}:${periodId}:${chunkNo}`: snapshot rows, several hundred per document. */
  snapshotChunks: [['settlementId', 'chunk']],
  withdrawals: [['scopeId', 'status', 'requestedAtMs'], ['memberId', 'requestedAtMs'], ['memberId', 'day'], ['status', 'requestedAtMs']],
  fraudFlags: [['scopeId', 'status', 'createdAtMs'], ['memberId', 'createdAtMs']],
  audit: [['scopeId', 'atMs'], ['storeId', 'atMs']],
  outbox: [['status', 'createdAtMs']],
  /** `_id` = `${scopeId}:${openid}`: subscribe-message sends a person has accepted, per notice kind. */
  subscriptions: [['scopeId']],
  /** `_id` = `${outboxId}:${openid}`: one delivery per notice and person, whatever retries. */
  deliveries: [],
  /** `_id` = storeId: the purchase histogram and counters. */
  storeStats: [],
  /** Small exact counters read and written inside transactions, e.g. `wd:${memberId}:${day}` (withdrawn today). */
  counters: [],
} as const satisfies Record<string, readonly (readonly string[])[]>

export type CollectionName = keyof typeof COLLECTIONS

export const COLLECTION_NAMES = Object.keys(COLLECTIONS) as CollectionName[]
