// Baseline for the notifications benchmark: a bare BullMQ worker whose job inserts one row into
// PostgreSQL — the floor any notification pipeline pays (Redis round trips + one INSERT).
const { Worker } = require('bullmq');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const worker = new Worker(
  'bench-baseline',
  async (job) => {
    await pool.query('INSERT INTO bench_baseline (job_id, enqueued_at) VALUES ($1, $2)', [job.id, new Date(job.data.t)]);
  },
  {
    connection: { host: '127.0.0.1', port: 6379, maxRetriesPerRequest: null },
    prefix: process.env.QUEUE_PREFIX,
    concurrency: Number(process.env.NOTIFICATIONS_CONCURRENCY ?? 50),
    removeOnComplete: { count: 1000 },
  },
);
worker.on('ready', () => process.stdout.write('READY\n'));
process.on('SIGTERM', async () => {
  await worker.close();
  await pool.end();
  process.exit(0);
});
