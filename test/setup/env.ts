// Test processes never read a developer's .env; each test file gets its own database and queue prefix.
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL ??= 'silent';
process.env.WORKER_HEALTH_PORT = '0';
// Many test processes share one PostgreSQL (max_connections 100): keep each pool small.
process.env.DATABASE_POOL_SIZE ??= '10';
