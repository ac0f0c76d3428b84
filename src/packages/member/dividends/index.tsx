import { Text, View } from '@tarojs/components'
import { formatFen, formatPercent, formatShares, formatTime, periodLabel, formatIndex } from '../../../lib/format'
import { LoadedList } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { useCall } from '../../../lib/useCall'
import { Cell, CellGroup } from '../../../ui/nut'

interface Row {
  ownUnits: number
  referredUnits: number
  pointsCounted: number
  heldUnits: number
  index: number
  amountFen: number
  frozen: boolean
}
interface Period {
  periodId: string
  ruleVersion: number
  profitFen: number
  poolFen: number
  reserveInFen: number
  reserveDrawFen: number
  distributableFen: number
  memberPoolFen: number
  totalIndex: string
  mine: Row | null
  settledAtMs: number | null
}

/** Each settled period with everything needed to check one's own amount (SPEC §8 transparency). */
export default function Dividends() {
  const { storeId } = useSession()
  const history = useCall<Period[]>('member', 'dividendHistory', { storeId }, { skip: !storeId })
  return (
    <View className='page'>
      <LoadedList call={history} empty='还没有结算过的分红期'>
        {(periods) => (
          <View>
              {periods.map((p) => (
                <View key={p.periodId} className='card' data-testid='dividend-period'>
                  <View className='row'>
                    <Text className='card__title'>{periodLabel(p.periodId)}</Text>
                    <Text className='amount-plus' data-testid='dividend-amount'>
                      {formatFen(p.mine?.amountFen ?? 0)}
                    </Text>
                  </View>
                  <CellGroup>
                    <Cell title='门店申报利润' extra={formatFen(p.profitFen)} />
                    <Cell title='分红池' extra={formatFen(p.poolFen)} />
                    <Cell title='转入储备金 / 储备金补充' extra={`${formatFen(p.reserveInFen)} / ${formatFen(p.reserveDrawFen)}`} />
                    <Cell title='会员可分配' extra={formatFen(p.memberPoolFen)} />
                    <Cell title='我的本人消费' extra={formatShares(p.mine?.ownUnits ?? 0)} />
                    <Cell title='我推荐的好友消费' extra={formatShares(p.mine?.referredUnits ?? 0)} />
                    <Cell title='我的互动积分' extra={`${p.mine?.pointsCounted ?? 0} 分`} />
                    <Cell title='我的持有股份' extra={formatShares(p.mine?.heldUnits ?? 0)} />
                    <Cell title='我的贡献指数 / 全店合计' extra={`${formatIndex(p.mine?.index ?? 0)} / ${formatIndex(p.totalIndex)}`} />
                    <Cell title='我的占比' extra={formatPercent(p.mine?.index ?? 0, p.totalIndex, 4)} />
                    <Cell title='规则版本' extra={`v${p.ruleVersion} · ${formatTime(p.settledAtMs)} 结算`} />
                  </CellGroup>
                  {p.mine?.frozen ? <Text className='muted'>账户冻结期间，本期分红已计入冻结余额。</Text> : null}
                </View>
              ))}
              <Text className='disclosure'>分红来源于门店利润，不保证收益</Text>
            </View>
        )}
      </LoadedList>
    </View>
  )
}
