export { PlatformLoggingModule } from './logging.module';
export { requestIdOf } from './request-id';
export { createRootLogger, rootLogger, PinoNestLogger } from './pino';
