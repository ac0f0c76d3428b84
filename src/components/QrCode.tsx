import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import QRCode from 'qrcode'
import { useMemo } from 'react'
import './QrCode.css'

/** Dark runs of one row, as [start, length] in modules: a row becomes a few views instead of one per module. */
export function darkRuns(row: ArrayLike<number>): [number, number][] {
  const runs: [number, number][] = []
  let start = -1
  for (let i = 0; i <= row.length; i++) {
    const dark = i < row.length && row[i] === 1
    if (dark && start < 0) start = i
    if (!dark && start >= 0) {
      runs.push([start, i - start])
      start = -1
    }
  }
  return runs
}

/**
 * A QR code drawn with views from `qrcode`'s module matrix: no canvas, so it works on H5, in the
 * mini-program (where the wxacode is preferred), in tests and in screenshots.
 */
export function QrCode({ text, size = 440 }: { text: string; size?: number }) {
  const matrix = useMemo(() => {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' })
    const n = qr.modules.size
    const rows: [number, number][][] = []
    for (let r = 0; r < n; r++) rows.push(darkRuns(qr.modules.data.subarray(r * n, (r + 1) * n)))
    return { n, rows }
  }, [text])
  const quiet = 2
  const cell = size / (matrix.n + quiet * 2)
  // Inline styles are not converted from the 750 design width like stylesheets: pxTransform does it.
  const px = (n: number) => Taro.pxTransform(n)
  return (
    <View className='qr' style={{ width: px(size), height: px(size), padding: px(cell * quiet) }} aria-label='付款码' data-qr={text}>
      {matrix.rows.map((runs, r) => (
        <View key={r} className='qr__row' style={{ height: px(cell) }}>
          {runs.map(([start, length]) => (
            <View key={start} className='qr__run' style={{ left: px(start * cell), width: px(length * cell) }} />
          ))}
        </View>
      ))}
    </View>
  )
}
