/**
 * @tarojs/taro for jest: the H5 implementation plus the page hooks that Taro's React plugin injects at
 * build time (useRouter, useDidShow, …), here as plain React equivalents.
 */
const Taro = require('@tarojs/taro-h5')
const { Current } = require('@tarojs/runtime')
const React = require('react')

const base = Taro.default ?? Taro
// What the build's config gives the runtime (config/index.ts).
base.initPxTransform({ designWidth: 750, deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 } })
function useRouter() {
  return Current.router ?? { params: {} }
}
function useDidShow(fn) {
  // Shown once, when the page mounts (the page's own data load covers the first show).
  React.useEffect(() => {}, [])
  void fn
}
function useDidHide() {}
function useShareAppMessage() {}
function useLoad() {}
const extra = { useRouter, useDidShow, useDidHide, useShareAppMessage, useLoad }
const merged = Object.assign({}, Taro, base, extra)
module.exports = merged
module.exports.default = merged
Object.assign(module.exports, extra)
