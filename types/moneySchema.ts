import * as z from 'zod'

// The edge schemas for money live apart from types/money.ts so that the mini-program, which needs the
// types and constants but never validates, does not bundle zod with every page that shows an amount.

/** A non-negative amount in fen, as accepted at every function's edge. */
export const fenSchema = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER)

/** A strictly positive amount in fen. */
export const positiveFenSchema = fenSchema.min(1)
