import { Canvas, Text, View } from '@tarojs/components'
import Taro, { useShareAppMessage } from '@tarojs/taro'

import { formatShares, formatTime } from '../../../lib/format'
import { Loaded, LoadedList } from '../../../lib/page'
import { useSession } from '../../../lib/session'
import { useCall } from '../../../lib/useCall'
import { Button, Cell, CellGroup } from '../../../ui/nut'
import type { HomeData } from '../../../pages/home/index'
import { referralPath } from '../../../lib/links'
import { useNotice } from '../../../lib/useNotice'

interface Referee {
  name: string
  joinedAtMs: number
  periodUnits: number
}


/**
 * Referral (SPEC §6, single level): a share card and a poster with the member's code. Sharing itself earns
 * nothing (SPEC §3); only what referred friends spend counts toward the referrer's contribution.
 */
export default function Referral() {
  const { storeId } = useSession()
  const home = useCall<HomeData>('member', 'home', { storeId }, { skip: !storeId })
  const referees = useCall<Referee[]>('member', 'myReferees', { storeId }, { skip: !storeId })
  const { bar, setNotice } = useNotice()
  const code = home.data?.referralCode ?? ''
  useShareAppMessage(() => ({ title: `${home.data?.storeName ?? '本店'}会员：消费得股份，按季分享门店利润`, path: referralPath(storeId ?? '', code) }))

  const drawPoster = async () => {
    const query = Taro.createSelectorQuery()
    query
      .select('#poster')
      .fields({ node: true, size: true })
      .exec(async (res: { node?: HTMLCanvasElement; width: number; height: number }[]) => {
        const canvas = res[0]?.node
        if (!canvas) {
          setNotice('当前环境无法生成海报')
          return
        }
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
        const { width, height } = res[0] as { width: number; height: number }
        canvas.width = width * 2
        canvas.height = height * 2
        ctx.scale(2, 2)
        ctx.fillStyle = '#fa2c19'
        ctx.fillRect(0, 0, width, height)
        ctx.fillStyle = '#fff'
        ctx.font = 'bold 22px sans-serif'
        ctx.fillText(home.data?.storeName ?? '', 24, 48)
        ctx.font = '16px sans-serif'
        ctx.fillText(`${home.data?.nickname || '会员'} 邀请你加入会员`, 24, 84)
        ctx.fillText('消费得股份 · 按季分享门店利润', 24, 112)
        ctx.font = 'bold 28px monospace'
        ctx.fillText(`推荐码 ${code}`, 24, 170)
        ctx.font = '12px sans-serif'
        ctx.fillText('分红来源于门店利润，不保证收益', 24, height - 20)
        if (process.env.TARO_ENV === 'weapp') {
          const file = await Taro.canvasToTempFilePath({ canvas } as unknown as Taro.canvasToTempFilePath.Option)
          await Taro.saveImageToPhotosAlbum({ filePath: file.tempFilePath })
          setNotice('海报已保存到相册')
        } else {
          setNotice('海报已生成，可长按保存')
        }
      })
  }

  return (
    <View className='page'>
      {bar}
      <Loaded call={home}>
        {(d) => (
          <View>
            <View className='card card--hero'>
              <Text className='card__title'>我的推荐码</Text>
              <Text className='figure__value' data-testid='referral-code'>{d.referralCode}</Text>
              <Text>好友通过你的推荐加入后，他们的消费会按规则计入你的贡献（仅一级）。</Text>
            </View>
            {process.env.TARO_ENV === 'h5' ? (
              <View className='card'>
                <Text className='card__title'>推荐链接</Text>
                <Text className='muted' selectable data-testid='referral-link'>
                  {`${window.location.origin}/#${referralPath(storeId ?? '', d.referralCode ?? '')}`}
                </Text>
              </View>
            ) : null}
            <View className='actions'>
              {process.env.TARO_ENV === 'weapp' ? (
                <Button type='primary' openType='share'>
                  分享给好友
                </Button>
              ) : null}
              <Button type='primary' fill='outline' onClick={drawPoster}>
                生成海报
              </Button>
            </View>
            <Canvas type='2d' id='poster' style={{ width: '320px', height: '240px', margin: '0 auto', display: 'block' }} />
          </View>
        )}
      </Loaded>
      <Text className='section-title'>我推荐的好友</Text>
      <LoadedList call={referees} empty='还没有好友通过你的推荐加入'>
        {(list) => (
          <CellGroup>
              {list.map((r, i) => (
                <View key={i} data-testid='referee'>
                  <Cell title={r.name} description={`${formatTime(r.joinedAtMs)} 加入`} extra={`本期计入 ${formatShares(r.periodUnits)}`} />
                </View>
              ))}
            </CellGroup>
        )}
      </LoadedList>
      <Text className='disclosure'>分享本身不产生任何奖励；分红来源于门店利润，不保证收益</Text>
    </View>
  )
}
