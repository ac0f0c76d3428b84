/**
 * Domain tests run in node; page tests (`@jest-environment jsdom` docblock) render Taro pages with Taro's
 * plain-React H5 components (see test/support/taroComponents.js and shared TOOLCHAIN.md).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  // Taro and NutUI ship ES modules: let babel-jest compile them.
  transformIgnorePatterns: ['/node_modules/(?!(@tarojs|@nutui|@stencil|classnames|tslib)/)'],
  moduleNameMapper: {
    '^@tarojs/components$': '<rootDir>/test/support/taroComponents.js',
    '^@tarojs/taro$': '@tarojs/taro-h5',
    '\\.(css|scss|less)$': 'identity-obj-proxy',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
}
