/**
 * @tarojs/components for jest: Taro's plain-React H5 components, imported file by file (the package index
 * re-exports a Stencil bundle that imports itself in a circle). Add a component here when a page uses it.
 * Plain JS because those per-file modules ship no type declarations; pages are typed against @tarojs/components.
 */
export { default as View } from '@tarojs/components-react/dist/components/view/index.js'
export { default as Text } from '@tarojs/components-react/dist/components/text/index.js'
export { default as Button } from '@tarojs/components-react/dist/components/button/index.js'
export { default as Image } from '@tarojs/components-react/dist/components/image/index.js'
export { default as Input } from '@tarojs/components-react/dist/components/input/index.js'
export { default as ScrollView } from '@tarojs/components-react/dist/components/scroll-view/index.js'
// Components with no plain-React build: minimal stand-ins (jsdom has no canvas anyway).
const React = require('react')
export function Canvas(props) {
  return React.createElement('canvas', { id: props.id })
}
export function Textarea(props) {
  return React.createElement('textarea', {
    placeholder: props.placeholder,
    value: props.value,
    onChange: (e) => props.onInput && props.onInput({ detail: { value: e.target.value } }),
  })
}
