export { PlatformLoggingModule } from './logging.module';
export { requestIdOf } from './request-id';
export { createRootLogger, rootLogger, PinoNestLogger } from './pino';
export { RequestLogController, type RequestObserver } from './request-log-controller';
