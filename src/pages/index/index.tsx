import { View, Text } from '@tarojs/components'
import { formatFen } from '../../../domain/money/format'
import { DISCLOSURE_ZH } from '../../../types/disclosure'
import './index.css'

// Landing page of the app shell. Member, staff and owner pages arrive with the mini-program issue;
// this page already reads from the shared domain so both builds prove the wiring end to end.
export default function Index() {
  return (
    <View className='landing'>
      <Text className='landing__title'>门店会员分红</Text>
      <Text className='landing__line'>消费即得股份，按季度分享门店利润。</Text>
      <Text className='landing__line'>示例：消费 {formatFen(10000)} 得 1 股。</Text>
      <Text className='landing__disclosure'>{DISCLOSURE_ZH}</Text>
    </View>
  )
}
