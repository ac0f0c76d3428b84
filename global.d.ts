/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5'
  }
}

/** Build-time constants of the mini-program (config/index.ts defineConstants). */
declare const CLOUD_ENV: string
declare const TMPL_DIVIDEND: string
declare const TMPL_WITHDRAWAL: string
