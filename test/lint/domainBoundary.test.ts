import { execFileSync } from 'node:child_process'

// The domain's purity is a lint rule; this proves the rule bites, so a config change cannot silently drop it.
// ESLint loads its flat config with a dynamic import(), which jest's module sandbox refuses, so the probes
// are linted by the project's ESLint in one child Node process.
function restrictedImportErrors(probes: { filePath: string; code: string }[]): number[] {
  const script = `
    const { ESLint } = require('eslint')
    const probes = JSON.parse(process.argv[1])
    ;(async () => {
      const eslint = new ESLint({ cwd: process.cwd() })
      const counts = []
      for (const p of probes) {
        const [result] = await eslint.lintText(p.code, { filePath: p.filePath })
        counts.push(result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length)
      }
      process.stdout.write(JSON.stringify(counts))
    })().catch((e) => { console.error(e); process.exit(1) })`
  const out = execFileSync(process.execPath, ['-e', script, JSON.stringify(probes)], { encoding: 'utf8' })
  return JSON.parse(out) as number[]
}

describe('ESLint keeps domain/ pure', () => {
  const forbidden = [
    "import Taro from '@tarojs/taro'",
    "import cloudbase from '@cloudbase/node-sdk'",
    "import Database from 'better-sqlite3'",
    "import fs from 'node:fs'",
    "import http from 'http'",
    "import { createHmac } from 'crypto'",
    "import { Button } from '@nutui/nutui-react-taro'",
    "import { x } from '../../src/pages/index/index'",
  ]
  const allowed =
    "import Decimal from 'decimal.js'\nimport dayjs from 'dayjs'\nimport type { Fen } from '../../types/money'\nimport { parseScene } from '../checkout/token'\nexport const y: Fen = Number(new Decimal(1)) + dayjs(0).year() + (parseScene('') ? 1 : 0)\n"

  test('refuses the UI, platform SDKs, the database and I/O; allows contracts and small pure libraries', () => {
    const probes = [
      ...forbidden.map((line) => ({ filePath: 'domain/settlement/probe.ts', code: `${line}\nexport const y = 1\n` })),
      { filePath: 'domain/settlement/probe.ts', code: allowed },
      // The same imports are fine outside the domain.
      { filePath: 'scripts/probe.ts', code: "import fs from 'node:fs'\nexport const y = fs\n" },
    ]
    const counts = restrictedImportErrors(probes)
    expect(counts).toEqual([...forbidden.map(() => 1), 0, 0])
  })
})
