import type { ErrorCode } from '../../types/errors'

/** An expected failure with a code from types/errors.ts; the envelope shows its Chinese message. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code)
  }
}

export function appError(code: ErrorCode, detail?: string): never {
  throw new AppError(code, detail)
}
