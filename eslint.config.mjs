import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The domain (and the shared contracts it uses) stays pure: no platform, SDK, database, I/O or UI.
const IO_MESSAGE = 'domain/ is pure: I/O and crypto come in through ports (domain/crypto/port.ts).'
const PURE_FORBIDDEN = {
  paths: ['fs', 'net', 'http', 'https', 'crypto', 'child_process', 'os', 'path', 'worker_threads'].map((name) => ({
    name,
    message: IO_MESSAGE,
  })),
  patterns: [
    { group: ['@tarojs/*', '@nutui/*', 'react', 'react-dom'], message: 'domain/ and types/ must not import the UI or Taro.' },
    { group: ['@cloudbase/*', 'wx-server-sdk', 'wechatpay-axios-plugin'], message: 'domain/ and types/ must not import platform SDKs.' },
    { group: ['better-sqlite3'], message: 'domain/ and types/ must not touch a database.' },
    { group: ['node:*', 'fs/*'], message: IO_MESSAGE },
    { group: ['**/src/**', '**/cloudfunctions/**', '**/server/**', '**/test/**'], message: 'domain/ depends on nothing but types/ and small pure libraries.' },
  ],
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': ['warn', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['domain/**/*.ts', 'types/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', PURE_FORBIDDEN] },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['bench/**', 'scripts/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
)
