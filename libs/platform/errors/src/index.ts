export { AppError } from './app-error';
export type { FieldError } from './app-error';
export {
  registerErrorCatalog,
  lookupError,
  registeredErrorCodes,
  formatMessage,
} from './error-catalog';
export type { ErrorCatalog, ErrorMessage } from './error-catalog';
export { PlatformErrorCode, platformErrors } from './platform-errors';
export { pickLanguage } from './language';
export type { Language } from './language';
export { ProblemDetailsFilter, toProblemDetails, sendProblem } from './problem-details.filter';
export type { ProblemDetails } from './problem-details';
export { problemType } from './problem-details';
export { validationExceptionFactory } from './validation';
