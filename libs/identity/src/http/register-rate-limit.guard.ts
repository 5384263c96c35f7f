import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { Env } from '@app/platform/config';
import { AppError, PlatformErrorCode } from '@app/platform/errors';
import { REDIS } from '@app/platform/queue';

/**
 * Registration attempts per IP (Redis-backed, like login). Each registration costs an argon2 hash,
 * so without a limit the endpoint is an unauthenticated CPU sink and a spam-account source.
 */
@Injectable()
export class RegisterRateLimitGuard implements CanActivate {
  private readonly storage?: ThrottlerStorageRedisService;
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly perIp: number;

  constructor(@Optional() @Inject(REDIS) redis: Redis | undefined, config: ConfigService<Env, true>) {
    this.storage = redis ? new ThrottlerStorageRedisService(redis) : undefined;
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:ratelimit:register`;
    this.windowMs = config.get('LOGIN_RATE_WINDOW_SECONDS', { infer: true }) * 1000;
    this.perIp = config.get('REGISTER_RATE_LIMIT_PER_IP', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.storage) throw new Error('registration rate limiting needs the REDIS client (PlatformRedisModule)');
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const record = await this.storage.increment(`${this.prefix}:ip:${request.ip}`, this.windowMs, this.perIp, this.windowMs, 'register');
    if (record.isBlocked) {
      void reply.header('retry-after', String(Math.max(1, record.timeToBlockExpire)));
      throw new AppError(PlatformErrorCode.RATE_LIMITED);
    }
    return true;
  }
}
