import { readFileSync } from 'node:fs'
import path from 'node:path'
import { actionsMarkdown, errorsMarkdown } from '../scripts/actionsTable'

// The README documents every action and error code; these tables are generated from the code, and the
// README must carry them as generated (run `npm run docs:actions` and paste after a change).
describe('README', () => {
  const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8')
  test('lists every action with its input', () => {
    expect(readme).toContain(actionsMarkdown())
  })
  test('lists every error code with its Chinese message', () => {
    expect(readme).toContain(errorsMarkdown())
  })
  test('keeps the two quick-start lines', () => {
    expect(readme).toContain('npm install && npm start')
    expect(readme).toMatch(/^npm test\b/m)
  })
})
