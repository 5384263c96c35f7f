import { Module } from '@nestjs/common';

/**
 * Logging is wired at bootstrap, not through middleware: the api hands `rootLogger()` to Fastify
 * (native request logging, one line per response) and every process uses `PinoNestLogger`.
 * Kept as a module so apps can import it explicitly; it has no providers of its own.
 */
@Module({})
export class PlatformLoggingModule {}
