// jsdom lacks TextEncoder (qrcode uses it); Node has it.
const { TextEncoder, TextDecoder } = require('node:util')
if (typeof globalThis.TextEncoder === 'undefined') Object.assign(globalThis, { TextEncoder, TextDecoder })
// Page tests render the H5 target (the build defines TARO_ENV; jest does not).
if (typeof window !== 'undefined') process.env.TARO_ENV = 'h5'
