import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// Taro build configuration shared by the weapp and h5 targets.
// NutUI is designed for a 375 px canvas, our own styles for 750 px (Taro's default),
// so designWidth is chosen per file.
// domain/ and types/ live beside src/ (they are shared with the cloud functions), so the build must be told
// to compile them too.
const sharedCode = [path.resolve(__dirname, '..', 'domain'), path.resolve(__dirname, '..', 'types')]

export default defineConfig<'webpack5'>(async (merge) => {
  const base: UserConfigExport<'webpack5'> = {
    projectName: 'store-member-dividend',
    date: '2026-12-04',
    designWidth(input) {
      const file = typeof input === 'object' && input ? (input as { file?: string }).file : undefined
      return file && file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    // Build-time settings of the mini-program (empty in local mode): the CloudBase environment and the
    // subscribe-message template ids chosen in the WeChat console.
    defineConstants: {
      CLOUD_ENV: JSON.stringify(process.env.CLOUD_ENV ?? ''),
      TMPL_DIVIDEND: JSON.stringify(process.env.TMPL_DIVIDEND ?? ''),
      TMPL_WITHDRAWAL: JSON.stringify(process.env.TMPL_WITHDRAWAL ?? ''),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      compile: { include: sharedCode },
      // Shared component styles land in common.wxss in whatever order pages import them; they don't overlap.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      useHtmlComponents: true,
      miniCssExtractPluginOption: { ignoreOrder: true },
      compile: { include: sharedCode },
      router: { mode: 'hash' },
      // Pages load as separate chunks; what two or more share (NutUI, the domain, the runtime) goes into
      // shared chunks once instead of into every page.
      webpackChain(chain) {
        chain.optimization.splitChunks({
          chunks: 'all',
          cacheGroups: {
            vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', chunks: 'all', priority: 10, reuseExistingChunk: true },
            common: { name: 'common', minChunks: 2, chunks: 'all', priority: 5, reuseExistingChunk: true },
          },
        })
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, base, (await import('./dev')).default)
  return merge({}, base, (await import('./prod')).default)
})
