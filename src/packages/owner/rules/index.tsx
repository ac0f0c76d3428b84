import { Text, View } from '@tarojs/components'
import { useEffect, useMemo, useState } from 'react'
import { lintPromotionalText, lintRules } from '../../../../domain/rules/lint'
import { ruleSetSchema, type RuleSet } from '../../../../types/rules'
import { formatTime } from '../../../lib/format'
import { Loaded } from '../../../lib/page'
import { describeRules } from '../../../lib/rulesText'
import { useSession } from '../../../lib/session'
import { callFn, messageOf } from '../../../lib/transport'
import { useCall } from '../../../lib/useCall'
import { Button, Cell, CellGroup, Input, Tag, TextArea } from '../../../ui/nut'
import { useNotice } from '../../../lib/useNotice'

interface RulesData {
  inForce: { version: number; rules: RuleSet; effectiveFromMs: number }
}

/** The fields an owner edits here, as dotted paths, with their Chinese labels and what they take. */
const FIELDS: { path: string; label: string; hint: string }[] = [
  { path: 'poolRatio', label: '分红池比例', hint: '0–1，如 0.15' },
  { path: 'reserveRatio', label: '储备金比例', hint: '0–1' },
  { path: 'staffRatio', label: '员工分成比例', hint: '0–1' },
  { path: 'fenPerShare', label: '每股消费（分）', hint: '如 10000 = 100 元' },
  { path: 'weights.own', label: '权重·本人消费', hint: '0–10' },
  { path: 'weights.referred', label: '权重·推荐消费', hint: '0–10' },
  { path: 'weights.interaction', label: '权重·互动', hint: '0–10' },
  { path: 'freezeDays', label: '冻结天数', hint: '0–90' },
  { path: 'withdrawal.minFen', label: '最低提现（分）', hint: '如 1000' },
  { path: 'withdrawal.feeRatio', label: '提现手续费率', hint: '0–0.5' },
]

function getPath(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj)
}
function setPath<T>(obj: T, path: string, value: unknown): T {
  const keys = path.split('.')
  const copy = structuredCloneSafe(obj) as Record<string, unknown>
  let o = copy
  for (const k of keys.slice(0, -1)) o = o[k] as Record<string, unknown>
  o[keys[keys.length - 1] as string] = value
  return copy as T
}
function structuredCloneSafe<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}

/** The rules editor with the compliance lint shown live as the owner types (SPEC §3). */
export default function RulesEditor() {
  const { storeId } = useSession()
  const current = useCall<RulesData>('member', 'rules', { storeId }, { skip: !storeId })
  const [draft, setDraft] = useState<Record<string, string>>({})
  const [promo, setPromo] = useState('')
  const { bar, setNotice } = useNotice()
  useEffect(() => {
    if (current.data) setDraft(Object.fromEntries(FIELDS.map((f) => [f.path, String(getPath(current.data?.inForce.rules, f.path))])))
  }, [current.data])

  const parsed = useMemo(() => {
    if (!current.data) return null
    let rules: unknown = current.data.inForce.rules
    for (const f of FIELDS) if (draft[f.path] !== undefined) rules = setPath(rules, f.path, Number(draft[f.path]))
    return ruleSetSchema.safeParse(rules)
  }, [draft, current.data])
  const findings = parsed?.success ? lintRules(parsed.data) : []
  const promoFindings = lintPromotionalText(promo)

  const save = async () => {
    if (!parsed?.success) return
    try {
      const r = await callFn<{ version: number; effectiveFromMs: number }>('admin', 'editRules', { storeId, rules: parsed.data })
      setNotice(`已保存为 v${r.version}，${formatTime(r.effectiveFromMs)} 起生效`)
    } catch (e) {
      setNotice(messageOf(e))
    }
  }

  return (
    <View className='page'>
      {bar}
      <Loaded call={current}>
        {(d) => (
          <View>
            <Text className='section-title'>
              现行 v{d.inForce.version}；修改从下一周期开始生效
            </Text>
            <CellGroup>
              {FIELDS.map((f) => (
                <Cell key={f.path} title={f.label} description={f.hint} extra={<Input type='digit' value={draft[f.path] ?? ''} onChange={(v: string) => setDraft({ ...draft, [f.path]: v })} />} />
              ))}
            </CellGroup>
            <View className='card' data-testid='lint'>
              <Text className='card__title'>合规检查</Text>
              {!parsed?.success ? <Tag type='danger'>有字段超出允许范围</Tag> : null}
              {findings.map((l) => (
                <View key={l.code} className='gap-bottom'>
                  <Tag type={l.severity === 'error' ? 'danger' : l.severity === 'warning' ? 'warning' : 'default'}>{l.severity === 'enforced' ? '系统保证' : l.severity === 'error' ? '错误' : '提示'}</Tag>
                  <Text className='muted'> {l.messageZh}</Text>
                </View>
              ))}
            </View>
            {parsed?.success ? (
              <CellGroup>
                {describeRules(parsed.data).map((l) => (
                  <Cell key={l.label} title={l.label} description={l.value} />
                ))}
              </CellGroup>
            ) : null}
            <View className='card'>
              <Text className='card__title'>宣传文案检查</Text>
              <TextArea placeholder='粘贴要发布的宣传文案' value={promo} onChange={setPromo} />
              {promo && promoFindings.length === 0 ? <Tag type='success'>未发现承诺收益的表述</Tag> : null}
              {promoFindings.map((l, i) => (
                <Text key={i} className='muted' style={{ color: '#fa2c19', display: 'block' }}>
                  {l.messageZh}
                </Text>
              ))}
            </View>
            <View className='actions'>
              <Button type='primary' block disabled={!parsed?.success || findings.some((f) => f.severity === 'error')} onClick={save}>
                保存为新版本
              </Button>
            </View>
          </View>
        )}
      </Loaded>
    </View>
  )
}
