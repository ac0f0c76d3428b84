import type { SettlementMemberRow } from '../../types/settlement'
import type { SettlementDoc, SnapshotChunkDoc } from '../model'
import type { Transaction } from '../storage/types'

export function chunkId(settlementId: string, chunk: number): string {
  return `${settlementId}:${chunk}`
}

/** The chunk holding a memberId: rows are sorted by memberId, and the settlement keeps each chunk's first id. */
export function chunkOf(settlement: Pick<SettlementDoc, 'chunkFirstIds'>, memberId: string): number {
  const firsts = settlement.chunkFirstIds
  let lo = 0
  let hi = firsts.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if ((firsts[mid] as string) <= memberId) {
      found = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return found
}

/** A member's row of a stored snapshot in one read by id: through the storage or inside a transaction. */
export async function snapshotRow(reader: Pick<Transaction, 'get'>, settlement: SettlementDoc, memberId: string): Promise<SettlementMemberRow | null> {
  const chunk = chunkOf(settlement, memberId)
  if (chunk < 0) return null
  const doc = await reader.get<SnapshotChunkDoc>('snapshotChunks', chunkId(settlement._id, chunk))
  return doc?.rows.find((r) => r.memberId === memberId) ?? null
}
