import { Text, View } from '@tarojs/components'

/** One labelled figure of a hero card (会员 60 人, 储备金 ¥450.00 …). */
export function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <View className='figure'>
      <Text className='figure__label'>{label}</Text>
      <Text className='figure__value figure__value--small' data-testid={testId}>
        {value}
      </Text>
    </View>
  )
}
