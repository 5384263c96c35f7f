import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { ConfigService } from '@nestjs/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Queue, type RedisOptions as BullRedisOptions } from 'bullmq';
import { createHmac } from 'node:crypto';
import type { Env } from '@app/platform/config';
import { declaredQueues, redisOptionsFromUrl } from '@app/platform/queue';
import { DASHBOARD_COOKIE, readCookie, verifyDashboardSession } from '../domain/dashboard-session';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

export function dashboardKey(jwtSecret: string): string {
  return createHmac('sha256', jwtSecret).update('queues.dashboard-session').digest('hex');
}

/**
 * Mounts Bull Board at /admin/queues (outside /api/v1, on Fastify directly). Nest's guards do not
 * see raw Fastify routes, so an onRequest hook admits only requests carrying the session cookie
 * an admin obtains from `POST /api/v1/admin/queues/session`; everything else is a 401.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const config = app.get(ConfigService<Env, true>);
  const key = dashboardKey(config.get('JWT_SECRET', { infer: true }));
  const connection = { ...redisOptionsFromUrl(config.get('REDIS_URL', { infer: true })), maxRetriesPerRequest: null } as BullRedisOptions;
  const prefix = config.get('QUEUE_PREFIX', { infer: true });
  const queues = declaredQueues().map((d) => new Queue(d.queue, { connection, prefix }));
  const serverAdapter = new BullBoardFastifyAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: queues.map((q) => new BullMQAdapter(q)),
    serverAdapter,
    options: { uiConfig: { boardTitle: '関わり queues' } },
  });
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (req, reply) => {
      if (!verifyDashboardSession(key, readCookie(req.headers.cookie, DASHBOARD_COOKIE))) {
        await reply
          .code(401)
          .type('application/problem+json')
          .send({ type: 'about:blank', title: '管理者としてログインしてください。', status: 401, code: 'UNAUTHENTICATED' });
      }
    });
    await scope.register(serverAdapter.registerPlugin() as never, { prefix: QUEUE_DASHBOARD_PATH });
  });
  fastify.addHook('onClose', async () => {
    await Promise.all(queues.map((q) => q.close()));
  });
}
