import { Text, View } from '@tarojs/components'
import './BarChart.css'

export interface Bar {
  readonly label: string
  readonly value: number
  /** What the bar shows above it, e.g. a formatted amount. */
  readonly caption?: string
}

/**
 * A bar chart drawn with plain views: no canvas, so it renders the same in the mini-program, in H5, in
 * jsdom tests and in screenshots, and costs a few hundred bytes instead of a chart library.
 */
export function BarChart({ bars, title }: { bars: readonly Bar[]; title: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value))
  return (
    <View className='chart' aria-label={title}>
      <Text className='chart__title'>{title}</Text>
      <View className='chart__bars'>
        {bars.map((b, i) => (
          <View key={i} className='chart__col'>
            <Text className='chart__caption'>{b.caption ?? String(b.value)}</Text>
            <View className='chart__bar' style={{ height: `${Math.round((b.value / max) * 100)}%` }} />
            <Text className='chart__label'>{b.label}</Text>
          </View>
        ))}
      </View>
    </View>
  )
}

/** One row of proportions (e.g. the parts of a contribution index), each part with its share of the whole. */
export function StackBar({ parts }: { parts: readonly { label: string; value: number; color: string }[] }) {
  const total = parts.reduce((s, p) => s + p.value, 0)
  return (
    <View className='stack'>
      <View className='stack__bar'>
        {parts.map((p) => (total > 0 && p.value > 0 ? <View key={p.label} className='stack__part' style={{ width: `${(p.value / total) * 100}%`, background: p.color }} /> : null))}
      </View>
      <View className='stack__legend'>
        {parts.map((p) => (
          <Text key={p.label} className='stack__key'>
            <Text style={{ color: p.color }}>■ </Text>
            {p.label} {total > 0 ? `${Math.round((p.value / total) * 100)}%` : '0%'}
          </Text>
        ))}
      </View>
    </View>
  )
}
