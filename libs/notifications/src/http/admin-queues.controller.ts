import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import type { Env } from '@app/platform/config';
import { DASHBOARD_COOKIE, signDashboardSession } from '../domain/dashboard-session';
import { dashboardKey, QUEUE_DASHBOARD_PATH } from './queue-dashboard';

export class QueueDashboardSessionResponseDto {
  @ApiProperty({ example: '/admin/queues' })
  url: string;
  @ApiProperty({ format: 'date-time' })
  expiresAt: string;
}

const TTL_MS = 3600_000;

/** Opens the Bull Board queue dashboard for an admin (an HttpOnly cookie scoped to /admin/queues). */
@ApiTags('admin')
@Controller('admin/queues')
@Auth('admin')
export class AdminQueuesController {
  constructor(private readonly config: ConfigService<Env, true>) {}

  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the queue dashboard (/admin/queues) for one hour: sets its session cookie' })
  @ApiOkResponse({ type: QueueDashboardSessionResponseDto })
  createSession(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): QueueDashboardSessionResponseDto {
    const expiresAt = new Date(Date.now() + TTL_MS);
    const token = signDashboardSession(dashboardKey(this.config.get('JWT_SECRET', { infer: true })), actor.userId, expiresAt);
    const secure = this.config.get('NODE_ENV', { infer: true }) === 'production' ? '; Secure' : '';
    reply.header('set-cookie', `${DASHBOARD_COOKIE}=${token}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict; Max-Age=${TTL_MS / 1000}${secure}`);
    return { url: QUEUE_DASHBOARD_PATH, expiresAt: expiresAt.toISOString() };
  }
}
