/** A field-level validation problem, as returned in problem details' `errors`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}

/**
 * The one exception type for expected failures. `code` is a registered error code; the global
 * filter turns it into RFC 9457 problem details with a localized message.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly fieldErrors?: FieldError[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}
