/** An amount of money in integer fen (分, 0.01 CNY). Never a float, never fractional. */
export type Fen = number

/** Shares (股) in integer units of 0.0001 股. */
export type ShareUnits = number

/** 1 股 = 10,000 share units. */
export const UNITS_PER_SHARE = 10_000

/** Ratios and weights carry at most 4 decimal places; internally they are integers over this scale. */
export const RATIO_SCALE = 10_000
