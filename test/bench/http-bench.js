// HTTP overhead benchmark: `/health/live` of the built api vs a bare node:http hello server,
// measured in the same run with the same load tool and settings. Target ratio ≥ 0.75.
// Usage: npm run build && npm run bench:http   (env: BENCH_SECONDS, BENCH_CONNECTIONS)
const { spawn, execFileSync } = require('node:child_process');
const http = require('node:http');
const path = require('node:path');
const autocannon = require('autocannon');
const { waitForUp } = require('./support');

const root = path.join(__dirname, '..', '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);
const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/kakawari_bench';

function run(url) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration: seconds, pipelining: 1 }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

async function measure(label, url) {
  await run(url); // warm-up (JIT, connection pools)
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

async function main() {
  const env = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', OUTBOX_RELAY: 'off' };
  execFileSync('node', [path.join(root, 'scripts/ensure-database.js')], { env, stdio: 'inherit' });
  execFileSync('node', [path.join(root, 'dist/apps/cli/src/main.js'), 'migrate'], { env, stdio: 'ignore' });

  const bare = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ok"}');
  });
  await new Promise((r) => bare.listen(3911, '127.0.0.1', r));

  const api = spawn('node', [path.join(root, 'dist/apps/api/src/main.js')], {
    env: { ...env, PORT: '3910', HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    await waitForUp('http://127.0.0.1:3910/health/live');
    console.log(`autocannon: ${connections} connections, ${seconds}s per target (after a ${seconds}s warm-up each)`);
    const baseline = await measure('bare node:http', 'http://127.0.0.1:3911/');
    const nest = await measure('kakawari api /health/live', 'http://127.0.0.1:3910/health/live');
    const ratio = nest.reqPerSec / baseline.reqPerSec;
    console.log(`ratio api/bare = ${ratio.toFixed(2)} (target ≥ 0.75) ${ratio >= 0.75 ? 'OK' : 'BELOW TARGET'}`);
  } finally {
    api.kill('SIGTERM');
    bare.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
