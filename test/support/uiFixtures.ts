/** What `member.home` answers for a member with shares, a balance and an estimate (page and weapp tests). */
export const HOME = {
  storeName: '街角咖啡',
  labels: 'dividend',
  disclosure: '分红来源于门店利润，不保证收益',
  periodId: '2026Q4',
  periodEndMs: Date.parse('2026-12-31T16:00:00Z'),
  isMember: true,
  nickname: '张小明',
  referralCode: 'AbCd1234',
  frozen: false,
  sharesUnits: 123_456,
  period: { ownUnits: 50_000, referredUnits: 10_000, points: 3, pointsCounted: 3, heldUnits: 0, index: 2_000_000_000 },
  estimatedDividendFen: 1_234,
  balances: { availableFen: 5_000, heldFen: 0, frozenFen: 0 },
}
