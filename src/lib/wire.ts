/**
 * Shapes of action results more than one page reads (the server builds them in services/checkout.ts and
 * services/wallet.ts). Types only: nothing here reaches the bundle.
 */

/** One of today's captures (`checkout.todayCaptures`): the cashier's list and the refunds page. */
export interface TodayCapture {
  readonly purchaseId: string
  readonly amountFen: number
  readonly offsetFen: number
  readonly refundedFen: number
  readonly capturedAtMs: number
  readonly memberLabel: string
}

/** A withdrawal as both the member and the reviewer see it (`publicWithdrawal`). */
export interface WithdrawalView {
  readonly withdrawalId: string
  readonly amountFen: number
  readonly feeFen: number
  readonly netFen: number
  readonly status: string
  readonly requestedAtMs: number
  readonly reason: string | null
  readonly confirmPackage: string | null
}
