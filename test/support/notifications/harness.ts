import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';

const ROOT = join(__dirname, '../../..');

export interface WorkerProcess {
  child: ChildProcess;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output: () => string;
}

/** Spawns a real notifications worker (TypeScript sources compiled on load by SWC). */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, 'test/support/notifications/worker-entry.ts')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', WORKER_HEALTH_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d.toString()));
  child.stderr!.on('data', (d) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker not ready in 30 s:\n${out}`)), 30_000);
    child.stdout!.on('data', () => {
      if (out.includes('READY')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before ready:\n${out}`));
    });
  });
  ready.catch(() => undefined);
  return { child, ready, exited, output: () => out };
}

export async function eventually<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs: number, what = 'condition'): Promise<T> {
  const start = Date.now();
  for (;;) {
    const v = await probe();
    if (v !== null && v !== undefined && v !== false) return v;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function withPg<T>(url: string, work: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface ReceivedHook {
  key: string;
  signature: string;
  timestamp: string;
  body: string;
  status?: number;
}

/**
 * A real HTTP receiver on 127.0.0.1. `respond` decides, per request, the status and an optional
 * delay (a held request simulates a slow municipal system).
 */
export async function startReceiver(
  respond: (hook: ReceivedHook, nth: number) => { status: number; delayMs?: number } | 'hold',
): Promise<{ url: string; hooks: ReceivedHook[]; inFlight: () => number; close: () => Promise<void> }> {
  const hooks: ReceivedHook[] = [];
  const open = new Set<ServerResponse>();
  let inFlight = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const hook: ReceivedHook = {
        key: String(req.headers['idempotency-key'] ?? ''),
        signature: String(req.headers['x-kakawari-signature'] ?? ''),
        timestamp: String(req.headers['x-kakawari-timestamp'] ?? ''),
        body,
      };
      hooks.push(hook);
      const decision = respond(hook, hooks.filter((h) => h.key === hook.key).length);
      open.add(res);
      inFlight++;
      res.on('close', () => {
        open.delete(res);
        inFlight--;
      });
      if (decision === 'hold') return;
      setTimeout(() => {
        hook.status = decision.status;
        res.writeHead(decision.status, { 'content-type': 'text/plain' }).end('ok');
      }, decision.delayMs ?? 0);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    hooks,
    inFlight: () => inFlight,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
