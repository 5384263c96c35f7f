import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis reachable' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down; the body names it.' })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthCheckResult> {
    reply.header('cache-control', 'no-store');
    try {
      return await this.health.check([
        () => this.db.pingCheck('database', { timeout: 1_500 }),
        () => this.redis.pingCheck('redis'),
      ]);
    } catch (e) {
      // Orchestrators read the status; people read which dependency is down.
      if (e instanceof ServiceUnavailableException) {
        reply.status(503);
        return e.getResponse() as HealthCheckResult;
      }
      throw e;
    }
  }
}
