export { PlatformLoggingModule } from './logging.module';
export { requestIdOf } from './request-id';
