import { Inject, Injectable, Optional, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ThrottlerStorageRedisService } from '@nest-lab/throttler-storage-redis';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import type { Env } from '@app/platform/config';
import { AppError, validationExceptionFactory } from '@app/platform/errors';
import { REDIS } from '@app/platform/queue';
import { emailFingerprint } from '../application/auth.service';
import { IdentityErrorCode } from '../identity.errors';
import { LoginDto } from './auth.dto';

/**
 * Login throttling, counted in Redis (@nestjs/throttler's storage contract, implemented by
 * @nest-lab/throttler-storage-redis) so limits hold across api instances. Three counters per window:
 *
 * 1. per IP (loose): one address spraying many accounts;
 * 2. per account + IP (strict, e.g. 5): guessing one account's password from one address. Keying
 *    the strict limit by account AND address means an attacker hammering an account from their own
 *    address blocks only themselves — the owner, coming from another address, can still log in;
 * 3. per account over all addresses (looser, e.g. 50): a distributed guess against one account.
 *    It is only counted for attempts that passed 1 and 2, so a single attacker spends at most
 *    (limit 2) of this budget per window per address; tripping it needs many addresses, and then
 *    the account is deliberately locked for everyone for the rest of the window.
 *
 * Keys carry QUEUE_PREFIX (unique per test file, and per deployment), and the account is a hash of
 * the normalized email so Redis never holds addresses.
 */
@Injectable()
export class LoginRateLimitGuard implements CanActivate {
  private readonly storage?: ThrottlerStorageRedisService;
  private readonly prefix: string;
  private readonly windowMs: number;
  private readonly perIp: number;
  private readonly perAccountIp: number;
  private readonly perAccount: number;

  // Redis is optional only so that processes without HTTP (the CLI) can load the module.
  constructor(@Optional() @Inject(REDIS) redis: Redis | undefined, config: ConfigService<Env, true>) {
    this.storage = redis ? new ThrottlerStorageRedisService(redis) : undefined;
    this.prefix = `${config.get('QUEUE_PREFIX', { infer: true })}:ratelimit:login`;
    this.windowMs = config.get('LOGIN_RATE_WINDOW_SECONDS', { infer: true }) * 1000;
    this.perIp = config.get('LOGIN_RATE_LIMIT_PER_IP', { infer: true });
    this.perAccountIp = config.get('LOGIN_RATE_LIMIT_PER_ACCOUNT_IP', { infer: true });
    this.perAccount = config.get('LOGIN_RATE_LIMIT_PER_ACCOUNT', { infer: true });
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    // Validate first (guards run before pipes): malformed bodies are 400s and are not counted.
    const dto = plainToInstance(LoginDto, request.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw validationExceptionFactory(errors);

    const ip = request.ip;
    const account = emailFingerprint(dto.email);
    const checks: [string, number][] = [
      [`ip:${ip}`, this.perIp],
      [`account-ip:${account}:${ip}`, this.perAccountIp],
    ];
    for (const [key, limit] of checks) {
      await this.hit(key, limit, reply);
    }
    await this.hit(`account:${account}`, this.perAccount, reply);
    return true;
  }

  private async hit(key: string, limit: number, reply: FastifyReply): Promise<void> {
    if (!this.storage) throw new Error('login rate limiting needs the REDIS client (PlatformRedisModule)');
    const record = await this.storage.increment(`${this.prefix}:${key}`, this.windowMs, limit, this.windowMs, 'login');
    if (record.isBlocked) {
      const retryAfter = Math.max(1, record.timeToBlockExpire);
      void reply.header('retry-after', String(retryAfter));
      throw new AppError(IdentityErrorCode.LOGIN_RATE_LIMITED, { retryAfter });
    }
  }
}
