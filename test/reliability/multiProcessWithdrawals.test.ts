import path from 'node:path'
import { localContext } from '../../server/local/localContext'
import { auditInvariants } from '../../server/services/auditInvariants'
import { SqliteStorage } from '../../server/storage/sqliteStorage'
import type { AccountDoc } from '../../server/model'
import { LocalHost } from '../../server/local/childHost'
import { seededRandom } from './seeded'

jest.setTimeout(180_000)

test('1,000 concurrent withdrawals against one balance, served by 4 processes on one SQLite file, never overdraw', async () => {
  const rnd = seededRandom('multi-process withdrawals')
  const host = new LocalHost()
  await host.start({ WORKERS: '4' })
  try {
    const owner = 'demo_owner'
    const { storeId } = await host.fn<{ storeId: string }>('admin', 'createStore', { name: '并发测试店' }, owner)
    const code = await host.fn<{ token: string }>('checkout', 'createCode', { storeId, amountFen: 1_000 }, owner)
    await host.fn('checkout', 'capture', { token: code.token }, 'o_spender')
    const home = await host.fn<{ memberId: string }>('member', 'home', { storeId }, 'o_spender')
    const creditFen = 300_000
    await host.fn('admin', 'adjustBalance', { storeId, memberId: home.memberId, amountFen: creditFen, reason: '并发测试', requestId: 'credit-0001' }, owner)

    const requests = Array.from({ length: 1_000 }, (_, i) => ({ amountFen: 1_000 + rnd.int(2_001), requestId: `mp-${rnd.seed}-${i}` }))
    const results = await Promise.all(requests.map((r) => host.request('POST', '/fn/wallet', { action: 'requestWithdrawal', storeId, ...r }, 'o_spender')))
    const pids = new Set(results.map((r) => r.pid))
    let heldFen = 0
    for (const [i, r] of results.entries()) {
      const env = r.json as { ok: boolean; code?: string }
      if (env.ok) heldFen += requests[i]!.amountFen
      else expect(env.code).toBe('withdrawal_insufficient_balance')
    }
    expect(pids.size).toBeGreaterThanOrEqual(2)
    expect(heldFen).toBeLessThanOrEqual(creditFen)
    expect(heldFen).toBeGreaterThan(creditFen - 3_001) // the balance ran out, it was not left unused

    await host.stop()
    const storage = new SqliteStorage({ file: path.join(host.dataDir, 'store.sqlite') })
    const account = (await storage.get<AccountDoc>('accounts', home.memberId))!
    expect(account).toMatchObject({ availableFen: creditFen - heldFen, heldFen })
    expect((await auditInvariants(await localContext(storage, null))).breaches).toEqual([])
    await storage.close()
  } finally {
    await host.stop()
    host.cleanup()
  }
})
