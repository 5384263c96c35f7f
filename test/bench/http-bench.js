// HTTP overhead benchmark: `/health/live` of the built api vs a bare node:http hello server,
// measured in the same run with the same load tool and settings. Target ratio ≥ 0.75.
// Both servers run in their own child process (the load generator gets its own process too), and
// the two are measured in alternating rounds so drift in machine load hits both alike; the
// reported figure is the median of the per-round ratios. A third target, an empty NestJS + Fastify
// app (test/bench/nest-floor-server.js), shows the framework's own floor in the same run.
// Usage: npm run build && npm run bench:http   (env: BENCH_SECONDS, BENCH_CONNECTIONS, BENCH_ROUNDS)
const { spawn, execFileSync } = require('node:child_process');
const path = require('node:path');
const autocannon = require('autocannon');
const { waitForUp } = require('./support');

const root = path.join(__dirname, '..', '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kakawari_bench';

const BARE_SERVER = `
require('node:http')
  .createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  })
  .listen(3911, '127.0.0.1');
`;

function run(url, duration = seconds) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, pipelining: 1 }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function measure(label, url) {
  const result = await run(url);
  const line = {
    label,
    reqPerSec: Math.round(result.requests.average),
    p50ms: result.latency.p50,
    p99ms: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
  console.log(JSON.stringify(line));
  return line;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', OUTBOX_RELAY: 'off' };
  execFileSync('node', [path.join(root, 'scripts/ensure-database.js')], { env, stdio: 'inherit' });
  execFileSync('node', [path.join(root, 'dist/apps/cli/src/main.js'), 'migrate'], { env, stdio: 'ignore' });

  const bare = spawn('node', ['-e', BARE_SERVER], { stdio: 'ignore' });
  const floor = spawn('node', [path.join(__dirname, 'nest-floor-server.js')], { env: { ...process.env, PORT: '3912' }, stdio: 'ignore' });
  const api = spawn('node', [path.join(root, 'dist/apps/api/src/main.js')], {
    env: { ...env, PORT: '3910', HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    await waitForUp('http://127.0.0.1:3911/');
    await waitForUp('http://127.0.0.1:3910/health/live');
    await waitForUp('http://127.0.0.1:3912/health/live');
    console.log(`autocannon: ${connections} connections, ${rounds} alternating rounds of ${seconds}s per target (after a warm-up)`);
    await run('http://127.0.0.1:3911/', 3); // warm-up (JIT, connection handling)
    await run('http://127.0.0.1:3910/health/live', 3);
    await run('http://127.0.0.1:3912/health/live', 3);
    const ratios = [];
    const floorRatios = [];
    for (let i = 0; i < rounds; i++) {
      const baseline = await measure('bare node:http', 'http://127.0.0.1:3911/');
      const nest = await measure('kakawari api /health/live', 'http://127.0.0.1:3910/health/live');
      const empty = await measure('empty Nest+Fastify app (floor)', 'http://127.0.0.1:3912/health/live');
      ratios.push(nest.reqPerSec / baseline.reqPerSec);
      floorRatios.push(empty.reqPerSec / baseline.reqPerSec);
    }
    const ratio = median(ratios);
    console.log(
      `ratio api/bare per round = ${ratios.map((r) => r.toFixed(2)).join(', ')}; median ${ratio.toFixed(2)} (target ≥ 0.75) ${ratio >= 0.75 ? 'OK' : 'BELOW TARGET'}`,
    );
    console.log(`ratio empty-Nest/bare (framework floor) median ${median(floorRatios).toFixed(2)}`);
  } finally {
    api.kill('SIGTERM');
    bare.kill('SIGTERM');
    floor.kill('SIGTERM');
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
