import type { SettlementMemberRow } from '../../types/settlement'
import type { CryptoPort } from '../crypto/port'

/**
 * The lines a committed settlement's digest covers (SPEC §5.7): `memberId:amountFen` for each member paid
 * (amount > 0, i.e. each dividend ledger entry), in plain string order of memberId, each ending in "\n".
 * Recomputable from the ledger alone, so `audit` can compare it with the stored digest.
 */
export function* digestLines(rows: Iterable<Pick<SettlementMemberRow, 'memberId' | 'amountFen'>>): Generator<string> {
  const paid = [...rows].filter((r) => r.amountFen > 0)
  paid.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
  for (const r of paid) yield `${r.memberId}:${r.amountFen}\n`
}

export function settlementDigest(crypto: CryptoPort, rows: Iterable<Pick<SettlementMemberRow, 'memberId' | 'amountFen'>>): string {
  return crypto.sha256Hex(digestLines(rows))
}
