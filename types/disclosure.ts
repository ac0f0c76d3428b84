/** The disclosure every rule page and dividend screen shows (SPEC §8). */
export const DISCLOSURE_ZH = '分红来源于门店利润，不保证收益'
