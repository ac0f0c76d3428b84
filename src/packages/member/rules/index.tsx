import { Text, View } from '@tarojs/components'
import type { RuleSet } from '../../../../types/rules'
import { formatTime } from '../../../lib/format'
import { Loaded } from '../../../lib/page'
import { describeRules } from '../../../lib/rulesText'
import { useSession } from '../../../lib/session'
import { useCall } from '../../../lib/useCall'
import { Cell, CellGroup } from '../../../ui/nut'

interface RulesData {
  inForce: { version: number; rules: RuleSet; effectiveFromMs: number }
  upcoming: { version: number; effectiveFromMs: number }[]
  history: { version: number; effectiveFromMs: number; createdAtMs: number }[]
  disclosure: string
}

export default function Rules() {
  const { storeId } = useSession()
  const rules = useCall<RulesData>('member', 'rules', { storeId }, { skip: !storeId })
  return (
    <View className='page'>
      <Loaded call={rules}>
        {(d) => (
          <View>
            <View className='card card--hero'>
              <Text className='card__title'>{d.disclosure}</Text>
              <Text>分红金额取决于门店当期利润与全体会员的贡献，没有保底或固定回报；购买不会因分红而加价，股份不可买卖。</Text>
            </View>
            <Text className='section-title'>现行规则（v{d.inForce.version}，{formatTime(d.inForce.effectiveFromMs)} 起）</Text>
            <CellGroup>
              {describeRules(d.inForce.rules).map((line) => (
                <Cell key={line.label} title={line.label} description={line.value} />
              ))}
            </CellGroup>
            {d.upcoming.length ? (
              <Text className='section-title'>即将生效：{d.upcoming.map((u) => `v${u.version}（${formatTime(u.effectiveFromMs)} 起）`).join('、')}</Text>
            ) : null}
            <Text className='section-title'>规则历史</Text>
            <CellGroup>
              {d.history.map((h) => (
                <Cell key={h.version} title={`v${h.version}`} extra={`${formatTime(h.effectiveFromMs)} 生效`} description={`${formatTime(h.createdAtMs)} 修改`} />
              ))}
            </CellGroup>
          </View>
        )}
      </Loaded>
    </View>
  )
}
