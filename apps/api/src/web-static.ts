import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Paths the API owns (and the queue dashboard): never the web app; unknown ones stay 404 problem details. */
const API_OWNED = /^\/(api|health|metrics|admin\/queues)(\/|$|\?)/;

/**
 * The built web front end (apps/web/dist, from `npm run build:web`): WEB_DIST_DIR, else next to the
 * sources (ts-node / jest) or to the compiled api (dist/apps/api/src → apps/web/dist).
 */
export function findWebDist(): string | null {
  const candidates = [
    process.env.WEB_DIST_DIR,
    resolve(__dirname, '../../web/dist'),
    resolve(__dirname, '../../../../apps/web/dist'),
    resolve(process.cwd(), 'apps/web/dist'),
  ].filter((p): p is string => Boolean(p));
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/** Where the SPA fetches the prefecture boundaries when WEB_TOPOJSON_FILE is set. */
export const BOUNDARIES_PATH = '/geo/prefectures.topo.json';

/**
 * Optional prefecture boundaries for the HQ choropleth (format of
 * shared/data/japan-prefectures.topo.json: object `prefectures`, geometry ids = 2-digit codes).
 * WEB_TOPOJSON_FILE = a file the api serves at BOUNDARIES_PATH; WEB_TOPOJSON_URL = a same-origin
 * URL served elsewhere (the CSP allows connections to 'self' only). Neither set: the SPA shows the
 * built-in 47-tile grid map. The SPA learns the URL from a <meta> tag injected into index.html.
 */
function boundariesConfig(): { url: string; body: Buffer | null } | null {
  const file = process.env.WEB_TOPOJSON_FILE;
  if (file) {
    if (!existsSync(file)) throw new Error(`WEB_TOPOJSON_FILE not found: ${file}`);
    return { url: BOUNDARIES_PATH, body: readFileSync(file) };
  }
  const url = process.env.WEB_TOPOJSON_URL;
  return url ? { url, body: null } : null;
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Serves the SPA from the api's own origin when it has been built: hashed assets with a long
 * immutable cache, and index.html (no-cache) for any other GET outside /api, /health and /metrics
 * so client-side routes survive a reload. Without a build the api behaves exactly as before.
 */
export async function serveWebApp(app: NestFastifyApplication): Promise<boolean> {
  const root = findWebDist();
  if (!root) return false;
  const boundaries = boundariesConfig();
  let indexHtml = readFileSync(join(root, 'index.html'));
  if (boundaries) {
    const meta = `<meta name="kakawari-boundaries" content="${escapeAttr(boundaries.url)}" />`;
    indexHtml = Buffer.from(indexHtml.toString('utf8').replace('</head>', `  ${meta}\n  </head>`), 'utf8');
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: false,
    decorateReply: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    if (API_OWNED.test(request.url)) return reply.callNotFound();
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
  };
  if (boundaries?.body) {
    const raw = boundaries.body;
    const gz = gzipSync(raw);
    fastify.get(BOUNDARIES_PATH, (request, reply) => {
      reply.type('application/json').header('cache-control', 'public, max-age=86400').header('vary', 'accept-encoding');
      if (/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) return reply.header('content-encoding', 'gzip').send(gz);
      return reply.send(raw);
    });
  }
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
