export { PlatformDatabaseModule } from './database.module';
export { dataSourceOptions } from './data-source.options';
export { SnakeNamingStrategy, snakeCase } from './snake-naming.strategy';
export { isUniqueViolation, isForeignKeyViolation, isCheckViolation } from './pg-errors';
export { preparedQuery } from './prepared-query';
