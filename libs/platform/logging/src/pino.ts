import { LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';

/**
 * The process's one pino instance: JSON lines, secrets redacted. Request ids travel explicitly
 * (the response line, problem details, audit rows via the Actor, job payloads): an
 * AsyncLocalStorage request context cost ~20 % of the API's per-request CPU on Node 20, whose
 * async-context tracking runs a hook on every promise (measured with /health/live).
 */
export function createRootLogger(level = process.env.LOG_LEVEL ?? 'info'): Pino {
  return pino({
    level,
    base: { service: process.env.KAKAWARI_PROCESS ?? 'api' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.passwordHash',
        '*.refreshToken',
        '*.accessToken',
        '*.token',
        '*.secret',
      ],
      censor: '[redacted]',
    },
  });
}

let root: Pino | undefined;

/** Shared root logger (created on first use). */
export function rootLogger(): Pino {
  root ??= createRootLogger();
  return root;
}

/** Nest's LoggerService over pino: framework and `new Logger(ctx)` lines become JSON too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: Pino = rootLogger()) {}

  private write(level: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]): void {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      const { msg, ...fields } = message as Record<string, unknown>;
      this.pino[level]({ context, ...fields }, typeof msg === 'string' ? msg : undefined);
    } else {
      const stack = level === 'error' && typeof rest[0] === 'string' ? rest[0] : undefined;
      this.pino[level]({ context, ...(stack ? { stack } : {}) }, String(message));
    }
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }
}
