/**
 * Bundles each cloud function (cloudfunctions/<name>/index.ts) into dist/functions/<name>/index.js with
 * esbuild: one CommonJS file for Node 18 with the domain inlined, plus a package.json that names only the
 * platform SDKs left external, and the function's config.json (triggers, openapi permissions) when present.
 */
import { build } from 'esbuild'
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(__dirname, '..')
const sourceDir = path.join(root, 'cloudfunctions')
/**
 * Left out of the bundles and installed by CloudBase from each function's package.json (installDependency in
 * cloudbaserc.json): the platform SDKs, and WeChat Pay's client, whose classes define a static `default`
 * getter that esbuild's CommonJS interop then assigns to — a bundle with it inlined throws on load.
 */
const EXTERNAL = ['@cloudbase/node-sdk', 'wx-server-sdk', 'wechatpay-axios-plugin']

/** Builds every function into `outDir/<name>/`; returns each bundle's path. */
export async function buildFunctions(outDir = path.join(root, 'dist', 'functions'), log: (line: string) => void = console.log): Promise<Record<string, string>> {
  const built: Record<string, string> = {}
  const rootPkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> }
  const versions = { ...rootPkg.devDependencies, ...rootPkg.dependencies }
  const names = existsSync(sourceDir)
    ? readdirSync(sourceDir).filter((n) => !n.startsWith('_') && existsSync(path.join(sourceDir, n, 'index.ts')))
    : []
  rmSync(outDir, { recursive: true, force: true })
  mkdirSync(outDir, { recursive: true })
  for (const name of names) {
    const started = Date.now()
    const target = path.join(outDir, name)
    mkdirSync(target, { recursive: true })
    const result = await build({
      entryPoints: [path.join(sourceDir, name, 'index.ts')],
      outfile: path.join(target, 'index.js'),
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      external: EXTERNAL,
      legalComments: 'none',
      minify: true,
      keepNames: true,
      logLevel: 'warning',
      metafile: true,
    })
    // Only the packages this bundle actually requires go into its package.json.
    const required = new Set(Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path)))
    const dependencies = Object.fromEntries(EXTERNAL.filter((dep) => required.has(dep) && versions[dep]).map((dep) => [dep, versions[dep] as string]))
    writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies }, null, 2) + '\n')
    const config = path.join(sourceDir, name, 'config.json')
    if (existsSync(config)) copyFileSync(config, path.join(target, 'config.json'))
    const kb = (statSync(path.join(target, 'index.js')).size / 1024).toFixed(1)
    log(`function ${name}: ${kb} KB in ${Date.now() - started} ms`)
    built[name] = path.join(target, 'index.js')
  }
  log(names.length ? `built ${names.length} function(s) into ${path.relative(root, outDir)}` : 'no cloud functions to build yet (cloudfunctions/<name>/index.ts)')
  return built
}

if (process.argv[1] && path.resolve(process.argv[1]) === __filename) {
  buildFunctions().catch((err: unknown) => {
    console.error(err)
    process.exit(1)
  })
}
