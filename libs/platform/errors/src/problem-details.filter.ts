import {
  ArgumentsHost,
  Catch,
  ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './app-error';
import { formatMessage, lookupError } from './error-catalog';
import { pickLanguage, type Language } from './language';
import { PlatformErrorCode } from './platform-errors';
import { problemType, type ProblemDetails } from './problem-details';
import { localizeFieldErrors } from './validation';

const statusToCode: Record<number, PlatformErrorCode> = {
  400: PlatformErrorCode.MALFORMED_REQUEST,
  401: PlatformErrorCode.UNAUTHENTICATED,
  403: PlatformErrorCode.FORBIDDEN,
  404: PlatformErrorCode.ROUTE_NOT_FOUND,
  405: PlatformErrorCode.METHOD_NOT_ALLOWED,
  409: PlatformErrorCode.CONFLICT,
  413: PlatformErrorCode.PAYLOAD_TOO_LARGE,
  415: PlatformErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: PlatformErrorCode.RATE_LIMITED,
  503: PlatformErrorCode.SERVICE_UNAVAILABLE,
};

/** Builds the problem details body for any thrown value; unknown errors become a logged 500. */
export function toProblemDetails(
  exception: unknown,
  request: { url?: string; headers: Record<string, string | string[] | undefined>; id?: string },
  logger: Logger,
): ProblemDetails {
  const lang = pickLanguage(request.headers['accept-language']);
  const requestId = request.id;
  let code: string = PlatformErrorCode.INTERNAL_ERROR;
  let params: Record<string, unknown> = {};
  let fieldErrors: FieldError[] | undefined;
  let status: number | undefined;
  let errorId: string | undefined;

  if (exception instanceof AppError) {
    code = exception.code;
    params = exception.params;
    fieldErrors = exception.fieldErrors;
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    const body = exception.getResponse();
    const explicit =
      typeof body === 'object' && body !== null && 'code' in body
        ? String((body as { code: unknown }).code)
        : undefined;
    code = explicit && lookupError(explicit) ? explicit : (statusToCode[status] ?? code);
    if (status >= 500 && !explicit) {
      errorId = randomUUID();
      logger.error({ err: exception, errorId, requestId }, 'http exception 5xx');
    }
  } else if (isFastifyClientError(exception)) {
    status = exception.statusCode;
    code = statusToCode[status] ?? PlatformErrorCode.MALFORMED_REQUEST;
  } else if (isDependencyUnavailable(exception)) {
    // Redis or PostgreSQL unreachable: the client may retry later, which a 500 would not say.
    code = PlatformErrorCode.SERVICE_UNAVAILABLE;
    errorId = randomUUID();
    logger.error({ err: exception, errorId, requestId }, 'dependency unavailable');
  } else {
    errorId = randomUUID();
    logger.error({ err: exception, errorId, requestId }, 'unhandled error');
  }

  const entry = lookupError(code) ?? lookupError(PlatformErrorCode.INTERNAL_ERROR)!;
  const finalStatus = lookupError(code) ? entry.status : (status ?? HttpStatus.INTERNAL_SERVER_ERROR);
  if (finalStatus >= 500 && !errorId) {
    errorId = randomUUID();
    logger.error({ err: exception, errorId, requestId }, 'server error');
  }
  const message = formatMessage(entry[lang], params);
  const problem: ProblemDetails = {
    type: problemType(code),
    title: message,
    status: finalStatus,
    detail: errorId ? `${message} (errorId: ${errorId})` : message,
    code,
    instance: request.url?.split('?')[0],
    requestId,
  };
  if (errorId) problem.errorId = errorId;
  if (fieldErrors) problem.errors = localizeFieldErrors(fieldErrors, lang);
  return problem;
}

const UNAVAILABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
// PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections
const UNAVAILABLE_PG_CODES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Errors that mean a backing service (Redis, PostgreSQL) is unreachable rather than a bug: ioredis
 * refusing a command while disconnected (the shared client runs without an offline queue),
 * network errors, and PostgreSQL refusing connections.
 */
export function isDependencyUnavailable(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const { name, message, code } = e as { name?: unknown; message?: unknown; code?: unknown };
  if (name === 'MaxRetriesPerRequestError') return true;
  if (typeof code === 'string' && (UNAVAILABLE_NETWORK_CODES.has(code) || UNAVAILABLE_PG_CODES.has(code))) return true;
  return (
    typeof message === 'string' &&
    (message.includes("Stream isn't writeable and enableOfflineQueue options is false") ||
      message === 'Connection is closed.' ||
      message.startsWith('Connection terminated'))
  );
}

function isFastifyClientError(e: unknown): e is { statusCode: number; code?: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { statusCode?: unknown }).statusCode === 'number' &&
    (e as { statusCode: number }).statusCode >= 400 &&
    (e as { statusCode: number }).statusCode < 500
  );
}

export function sendProblem(reply: FastifyReply, problem: ProblemDetails, lang: Language): void {
  void reply
    .status(problem.status)
    .header('content-type', 'application/problem+json; charset=utf-8')
    .header('content-language', lang);
  if (problem.status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '5');
  void reply.send(problem);
}

/** The one global filter: every error leaves the API as RFC 9457 problem details. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const request = ctx.getRequest<FastifyRequest>();
    const reply = ctx.getResponse<FastifyReply>();
    sendProblem(reply, toProblemDetails(exception, request, this.logger), pickLanguage(request.headers['accept-language']));
  }
}
