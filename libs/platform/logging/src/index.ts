export { PlatformLoggingModule } from './logging.module';
export { requestIdOf } from './request-id';
export { createRootLogger, rootLogger, PinoNestLogger } from './pino';
export { currentRequestId, runWithRequestContext } from './request-context';
export type { RequestContextStore } from './request-context';
