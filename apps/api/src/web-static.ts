import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
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

/**
 * Serves the SPA from the api's own origin when it has been built: hashed assets with a long
 * immutable cache, and index.html (no-cache) for any other GET outside /api, /health and /metrics
 * so client-side routes survive a reload. Without a build the api behaves exactly as before.
 */
export async function serveWebApp(app: NestFastifyApplication): Promise<boolean> {
  const root = findWebDist();
  if (!root) return false;
  const indexHtml = readFileSync(join(root, 'index.html'));
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
  fastify.get('/', sendIndex);
  fastify.get('/*', sendIndex);
  return true;
}
