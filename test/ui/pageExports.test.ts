import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

const SRC = path.resolve(__dirname, '..', '..', 'src')

function pageFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? pageFiles(path.join(dir, e.name)) : e.name === 'index.tsx' ? [path.join(dir, e.name)] : []))
}

// In the mini-program build Taro's page loader keeps only a page module's default export: a helper
// exported from a page and imported elsewhere is undefined there (it works in H5 and jest, so only this
// check catches it). Shared helpers belong in src/lib or src/components.
test('page modules export only their component (and types)', () => {
  const pages = [...pageFiles(path.join(SRC, 'pages')), ...pageFiles(path.join(SRC, 'packages'))]
  expect(pages.length).toBeGreaterThanOrEqual(18)
  for (const file of pages) {
    const values = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => /^export (async )?(function|const|let|class) /.test(l))
    expect({ file: path.relative(SRC, file), values }).toEqual({ file: path.relative(SRC, file), values: [] })
  }
})
