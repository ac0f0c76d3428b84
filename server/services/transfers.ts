import * as z from 'zod'
import { transferBillNumber, transferSyncStep, type TransferSyncStep } from '../../domain/wallet/transferSync'
import type { MemberDoc, WithdrawalDoc } from '../model'
import { TRANSFER_NAME_REQUIRED_FROM_FEN, type TransferBill, type TransferPort } from '../payout/transferPort'
import { action } from '../runtime/action'
import { appError } from '../runtime/appError'
import type { ServiceContext } from '../runtime/context'
import { scan } from './aggregate'
import { applyTransition, publicWithdrawal, requireReviewer } from './wallet'

const input = z.object({ storeId: z.string().min(1).max(64), withdrawalId: z.string().min(1).max(160) }).strict()

function requireTransfers(ctx: ServiceContext): TransferPort {
  const port = ctx.config.transfers
  if (!port) appError('payout_not_configured')
  return port
}

/**
 * Pay an approved withdrawal by WeChat Pay 商家转账 (SPEC §7). The bill number is fixed in the same
 * transaction that moves the withdrawal to `transferring`, so a crash before or after the call is mended by
 * querying that number, never by a second bill.
 */
export const startTransfer = action(input, async (ctx, { storeId, withdrawalId }) => {
  const role = await requireReviewer(ctx, storeId)
  const port = requireTransfers(ctx)
  const started = await ctx.storage.transaction(async (tx) => {
    const w = await tx.get<WithdrawalDoc>('withdrawals', withdrawalId)
    if (!w || w.scopeId !== role.scopeId) appError('not_found')
    if (w.status !== 'approved') return w
    if (w.amountFen - w.feeFen >= TRANSFER_NAME_REQUIRED_FROM_FEN) appError('transfer_needs_manual')
    const member = await tx.get<MemberDoc>('members', w.memberId)
    if (!member?.openid) appError('transfer_unavailable')
    await applyTransition(tx, ctx, w, { type: 'transferStarted' }, role.openid, {
      transferBillNo: transferBillNumber(ctx.crypto, w._id),
      transferStartedAtMs: ctx.nowMs,
      transferState: null,
    })
    return (await tx.get<WithdrawalDoc>('withdrawals', withdrawalId)) as WithdrawalDoc
  })
  if (started.status !== 'transferring') appError('withdrawal_wrong_state', started.status)
  return publicWithdrawal(await advanceTransfer(ctx, port, started, started.transferState === null))
})

/** Ask WeChat Pay about one transfer now (the owner's 刷新 button); the timer does it for all. */
export const syncTransfer = action(input, async (ctx, { storeId, withdrawalId }) => {
  const role = await requireReviewer(ctx, storeId)
  const port = requireTransfers(ctx)
  const w = await ctx.storage.get<WithdrawalDoc>('withdrawals', withdrawalId)
  if (!w || w.scopeId !== role.scopeId) appError('not_found')
  if (w.status !== 'transferring') return publicWithdrawal(w)
  return publicWithdrawal(await advanceTransfer(ctx, port, w, false))
})

/**
 * One step toward a final state. A call that fails leaves the withdrawal in `transferring` with its bill
 * number; the next sync queries it. Only a final answer moves money (in one transaction with its entries).
 */
export async function advanceTransfer(ctx: ServiceContext, port: TransferPort, w: WithdrawalDoc, fresh: boolean): Promise<WithdrawalDoc> {
  const billNo = w.transferBillNo
  if (!billNo) throw new Error(`withdrawal ${w._id} is transferring without a bill number`)
  const startedAtMs = w.transferStartedAtMs ?? w.decidedAtMs ?? ctx.nowMs
  let bill: TransferBill | null = null
  let step: TransferSyncStep
  try {
    bill = fresh ? null : await port.query(billNo)
    step = transferSyncStep(bill, startedAtMs, ctx.nowMs)
    if (step.kind === 'create') {
      const member = await ctx.storage.get<MemberDoc>('members', w.memberId)
      bill = await port.create({ outBillNo: billNo, openid: member?.openid ?? '', amountFen: w.amountFen - w.feeFen, remark: '会员分红提现' })
      step = transferSyncStep(bill, startedAtMs, ctx.nowMs)
    }
    if (step.kind === 'cancel') {
      bill = await port.cancel(billNo)
      step = transferSyncStep(bill, startedAtMs, ctx.nowMs)
    }
  } catch (error) {
    console.warn(`transfer ${billNo}: ${(error as Error).message}; will query again`)
    return w
  }
  const patch = { transferState: bill?.state ?? null, transferPackageInfo: bill?.packageInfo ?? w.transferPackageInfo ?? null }
  return ctx.storage.transaction(async (tx) => {
    const current = await tx.get<WithdrawalDoc>('withdrawals', w._id)
    if (!current || current.status !== 'transferring') return current ?? w
    if (step.kind === 'event') await applyTransition(tx, ctx, current, step.event, null, patch)
    else await tx.set<WithdrawalDoc>('withdrawals', { ...current, ...patch })
    return (await tx.get<WithdrawalDoc>('withdrawals', w._id)) as WithdrawalDoc
  })
}

/** The timer's pass over every transfer in flight. */
export async function syncAllTransfers(ctx: ServiceContext): Promise<{ checked: number; finished: number }> {
  const port = ctx.config.transfers
  const report = { checked: 0, finished: 0 }
  if (!port) return report
  for await (const w of scan<WithdrawalDoc>(ctx, 'withdrawals', { where: { status: 'transferring' }, orderBy: [['requestedAtMs', 'asc']] })) {
    report.checked++
    const after = await advanceTransfer(ctx, port, w, false)
    if (after.status !== 'transferring') report.finished++
  }
  return report
}

export const transferActions = { startTransfer, syncTransfer }
