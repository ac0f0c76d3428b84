import { Text, View } from '@tarojs/components'
import { Button, Empty } from '../ui/nut'
import './States.css'

/** Loading, error and empty states every page shows the same way. */
export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='state state--loading' aria-busy='true'>
      <View className='state__spinner' />
      <Text className='state__text'>{text}</Text>
    </View>
  )
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <View className='state state--error' role='alert'>
      <Text className='state__title'>出错了</Text>
      <Text className='state__text'>{message}</Text>
      {onRetry ? (
        <Button size='small' type='primary' fill='outline' onClick={onRetry}>
          重试
        </Button>
      ) : null}
    </View>
  )
}

export function EmptyState({ text }: { text: string }) {
  // Our own mark instead of NutUI's default image, which loads from a CDN (no network in local mode).
  return <Empty className='state state--empty' description={text} image={<View className='state__mark' />} />
}
