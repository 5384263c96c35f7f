// Helpers shared by the benchmark scripts (plain Node, no build step).
const { spawn } = require('node:child_process');
const { Client } = require('pg');

/** Runs one statement on an admin connection (CREATE/DROP DATABASE). */
async function adminQuery(adminUrl, sql) {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Polls `url` until it answers 2xx. */
async function waitForUp(url, timeoutMs = 60_000) {
  const start = Date.now();
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    if (Date.now() - start > timeoutMs) throw new Error(`${url} did not come up`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A tiny JSON client for the api under test: `call(method, path, token?, body?)`. */
function apiClient(base) {
  return async function call(method, url, token, body) {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : null;
  };
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts `node <args>` with `env` over the current environment and waits for it to print READY
 * (the notifications worker entry and the baseline worker do). `stop()` sends SIGTERM and waits.
 */
function spawnReady(args, env, { cwd, timeoutMs = 60_000 } = {}) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const ready = (async () => {
    const t = Date.now();
    while (!out.includes('READY')) {
      if (child.exitCode !== null || Date.now() - t > timeoutMs) throw new Error(`process did not start:\n${out}`);
      await sleep(50);
    }
  })();
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, ready, stop, output: () => out };
}

/** Polls `sql` (returning one row with `n`) until n ≥ target; returns the time it got there. */
async function waitCount(client, sql, params, target, timeoutMs, pollMs = 20) {
  const start = Date.now();
  for (;;) {
    const { rows } = await client.query(sql, params);
    if (rows[0].n >= target) return Date.now();
    if (Date.now() - start > timeoutMs) throw new Error(`timeout: ${rows[0].n}/${target} after ${timeoutMs} ms`);
    await sleep(pollMs);
  }
}

/**
 * CPU time (ms, user + system, from /proc) of this process, of `pid` and of every PostgreSQL
 * process on the machine: `const c = cpuSnapshot(pid)` … `cpuSince(c, pid)` tells where the CPU of
 * a phase went (load generator, server under test, database). Linux only; zeros elsewhere.
 */
function cpuSnapshot(pid) {
  const fs = require('node:fs');
  const tick = 10; // CLK_TCK is 100 on Linux
  const procMs = (p) => {
    try {
      const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) * tick;
    } catch {
      return 0;
    }
  };
  let postgres = 0;
  let dirs = [];
  try {
    dirs = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    // not Linux
  }
  for (const d of dirs) {
    try {
      if (fs.readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres') postgres += procMs(d);
    } catch {
      // gone
    }
  }
  const self = process.cpuUsage();
  return { at: process.hrtime.bigint(), self: (self.user + self.system) / 1000, server: procMs(pid), postgres };
}

function cpuSince(before, pid) {
  const now = cpuSnapshot(pid);
  const wallMs = Number(now.at - before.at) / 1e6;
  return { wallMs, loadGenMs: now.self - before.self, serverMs: now.server - before.server, postgresMs: now.postgres - before.postgres };
}

module.exports = { adminQuery, waitForUp, apiClient, percentile, sleep, spawnReady, waitCount, cpuSnapshot, cpuSince };
