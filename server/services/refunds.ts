import * as z from 'zod'
import { clawbackFen, planRefund } from '../../domain/checkout/refund'
import { ledgerEffects } from '../../domain/wallet/ledgerEffects'
import { fenSchema } from '../../types/moneySchema'
import type { LedgerEffect } from '../../types/ledger'
import type { AccountDoc, PurchaseDoc, RefundDoc, RuleVersionDoc, SettlementDoc } from '../model'
import { action } from '../runtime/action'
import { AppError, appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import type { Transaction } from '../storage/types'
import { writeAuditTx } from './audit'
import { memberUnitsInc, storeSalesInc } from './contribution'
import { postEntries } from './ledger'
import { requireRole } from './roles'
import { snapshotRow } from './snapshot'

export const refundInput = z
  .object({
    storeId: z.string().min(1).max(64),
    purchaseId: z.string().regex(/^p:[0-9A-Za-z]{10}$/),
    refundFen: fenSchema.min(1),
    reason: z.string().trim().min(1).max(200),
    /** Made by the client before sending: a retried refund is the same refund. */
    requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/),
  })
  .strict()

/**
 * A full or partial refund, at any time (SPEC §4.5), by the owner or a manager. Before the purchase's
 * period is settled the refunded part simply stops counting (an uncommitted preview is marked stale); after
 * the snapshot, the member's dividend share of the refunded shares is clawed back from their balance.
 */
export const refund = action(refundInput, async (ctx, input) => {
  const role = await requireRole(ctx, input.storeId, ['owner', 'manager'])
  const refundId = `r:${input.purchaseId}:${input.requestId}`
  return ctx.storage.transaction(async (tx) => {
    const done = await tx.get<RefundDoc>('refunds', refundId)
    if (done) {
      if (done.refundFen !== input.refundFen) appError('conflict', 'request id reused with another amount')
      return { ...publicRefund(done), replayed: true }
    }
    const purchase = await tx.get<PurchaseDoc>('purchases', input.purchaseId)
    if (!purchase || purchase.storeId !== input.storeId) appError('not_found')
    const plan = planRefund(purchase, input.refundFen)
    if (!plan.ok) throw new AppError(plan.code)
    const r = plan.value

    const settlement = await tx.get<SettlementDoc>('settlements', `${purchase.scopeId}:${purchase.periodId}`)
    let clawback = 0
    if (settlement && (settlement.status === 'committing' || settlement.status === 'settled')) {
      const row = await snapshotRow(tx, settlement, purchase.memberId)
      const version = await tx.get<RuleVersionDoc>('ruleVersions', `${purchase.scopeId}:v${settlement.ruleVersion}`)
      if (row && version) clawback = clawbackFen({ dividendFen: row.amountFen, ownWeight: version.rules.weights.own, index: row.index }, r.sharesRefundedUnits)
    } else if (settlement && !settlement.stale) {
      await tx.update('settlements', settlement._id, { set: { stale: true } })
    }

    const effects: [string, LedgerEffect][] = []
    if (r.offsetRefundFen > 0) effects.push([`offset_refund:${refundId}`, ledgerEffects.offsetRefund(r.offsetRefundFen)])
    if (clawback > 0) effects.push([`clawback:${refundId}`, ledgerEffects.clawback(clawback)])
    if (effects.length) await postToMember(tx, ctx, purchase, refundId, effects)

    await tx.update('purchases', purchase._id, { inc: { refundedFen: r.refundFen, refundedUnits: r.sharesRefundedUnits } })
    // The refunded part leaves the period totals too (services/contribution.ts).
    await tx.update('members', purchase.memberId, { inc: memberUnitsInc(purchase, -r.sharesRefundedUnits) })
    await tx.update('storeStats', purchase.storeId, { inc: storeSalesInc(purchase, -r.refundFen) })
    const doc: RefundDoc = {
      _id: refundId,
      purchaseId: purchase._id,
      scopeId: purchase.scopeId,
      storeId: purchase.storeId,
      memberId: purchase.memberId,
      refundFen: r.refundFen,
      sharesRefundedUnits: r.sharesRefundedUnits,
      offsetRefundFen: r.offsetRefundFen,
      cashRefundFen: r.cashRefundFen,
      clawbackFen: clawback,
      reason: input.reason,
      createdAtMs: ctx.nowMs,
      byOpenid: role.openid,
    }
    await tx.set('refunds', doc)
    await writeAuditTx(tx, ctx, {
      action: 'refund',
      scopeId: purchase.scopeId,
      storeId: purchase.storeId,
      target: purchase._id,
      before: { refundedFen: purchase.refundedFen },
      after: { refundedFen: purchase.refundedFen + r.refundFen, clawbackFen: clawback, reason: input.reason },
    })
    return { ...publicRefund(doc), replayed: false }
  })
})

async function postToMember(tx: Transaction, ctx: ServiceContext, p: PurchaseDoc, ref: string, effects: [string, LedgerEffect][]) {
  const acc = await tx.get<AccountDoc>('accounts', p.memberId)
  if (!acc) throw new Error(`member ${p.memberId} has no account`)
  await postEntries(tx, ctx, acc, effects.map(([id, effect]) => ({ id, effect })), { periodId: p.periodId, ref })
}

function publicRefund(d: RefundDoc) {
  return {
    refundId: d._id,
    purchaseId: d.purchaseId,
    refundFen: d.refundFen,
    sharesRefundedUnits: d.sharesRefundedUnits,
    offsetRefundFen: d.offsetRefundFen,
    cashRefundFen: d.cashRefundFen,
    clawbackFen: d.clawbackFen,
  }
}
