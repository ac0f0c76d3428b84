/**
 * Domain tests run in node; page tests (`@jest-environment jsdom` docblock) render Taro pages with Taro's
 * plain-React H5 components (see test/support/taroComponents.js and shared TOOLCHAIN.md).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.(m?js|jsx|ts|tsx)$': 'babel-jest' },
  // Taro and NutUI ship ES modules: let babel-jest compile them.
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@nutui|@stencil|@swc|[.]pnpm|style-inject|swiper|ssr-window|dom7|query-string|decode-uri-component|split-on-first|filter-obj|nanoid|classnames|tslib|lodash-es)/)'],
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/support/taroComponents.js',
    '^@tarojs/taro$': '<rootDir>/test/support/taro.js',
    '\\.(css|scss|less)$': 'identity-obj-proxy',
  },
  // Constants Taro's build defines (DefinePlugin); its runtime reads them.
  globals: {
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: true,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: true,
    CLOUD_ENV: '',
    TMPL_DIVIDEND: '',
    TMPL_WITHDRAWAL: '',
  },
  setupFiles: ['<rootDir>/test/support/jsdomSetup.js'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
}
