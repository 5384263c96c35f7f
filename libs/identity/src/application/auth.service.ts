import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '@app/platform/errors';
import type { Env } from '@app/platform/config';
import { normalizeEmail } from '../domain/email';
import type { Actor, Role } from '../domain/role';
import { IdentityErrorCode } from '../identity.errors';
import { RefreshTokenRepository } from '../persistence/refresh-token.repository';
import { UserRepository } from '../persistence/user.repository';
import { ActorScopeRegistry } from './actor-scope.registry';
import { AuditLogService } from './audit-log.service';
import { PasswordHasher } from './password-hasher.service';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Access-token lifetime in seconds. */
  expiresIn: number;
  tokenType: 'Bearer';
}

/** The only claims an access token carries; `typ` keeps any other token kind out. */
export interface AccessTokenClaims {
  sub: string;
  typ: 'access';
  jti: string;
}

export function hashOpaqueToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function emailFingerprint(email: string): string {
  return createHash('sha256').update(normalizeEmail(email), 'utf8').digest('hex').slice(0, 32);
}

@Injectable()
export class AuthService {
  private readonly accessTtl: number;
  private readonly refreshTtlMs: number;

  constructor(
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLogService,
    private readonly scopes: ActorScopeRegistry,
    private readonly jwt: JwtService,
    config: ConfigService<Env, true>,
  ) {
    this.accessTtl = config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
    this.refreshTtlMs = config.get('REFRESH_TOKEN_TTL_DAYS', { infer: true }) * 86_400_000;
  }

  /**
   * Checks email + password. Unknown email, wrong password and disabled account all return null
   * after one argon2 verification each, so neither the answer nor its timing tells them apart.
   */
  async validateCredentials(email: string, password: string, requestId?: string): Promise<{ id: string; role: Role } | null> {
    const user = await this.users.findByEmailWithHash(normalizeEmail(email));
    const ok = user?.passwordHash
      ? await this.hasher.verify(user.passwordHash, password)
      : await this.hasher.verifyDummy(password);
    if (!user || !ok || user.status !== 'active') {
      await this.audit.record({
        actorId: user?.id ?? null,
        requestId,
        action: 'auth.login_failed',
        metadata: { emailSha256: emailFingerprint(email), reason: !user ? 'unknown' : !ok ? 'password' : 'disabled' },
      });
      return null;
    }
    await this.audit.record({ actorId: user.id, requestId, action: 'auth.login', targetType: 'user', targetId: user.id });
    return { id: user.id, role: user.role };
  }

  /** A new refresh-token family and its first token, plus an access token. */
  async issueTokens(userId: string): Promise<TokenPair> {
    const refreshToken = await this.refreshTokens.transaction(async (manager) => {
      const family = await this.refreshTokens.createFamily(userId, manager);
      return this.newRefreshToken(family.id, manager);
    });
    return { accessToken: await this.signAccess(userId), refreshToken, expiresIn: this.accessTtl, tokenType: 'Bearer' };
  }

  /**
   * Rotation: a refresh token is good once. Presenting one that was already used means it was
   * copied; the whole family is revoked (the legitimate holder must log in again) and audited.
   */
  async refresh(presented: string, requestId?: string): Promise<TokenPair> {
    const outcome = await this.refreshTokens.transaction(async (manager) => {
      const found = await this.refreshTokens.findByHashForUpdate(hashOpaqueToken(presented), manager);
      if (!found) return { kind: 'invalid' as const };
      const { token, family } = found;
      if (family.revokedAt) return { kind: 'invalid' as const };
      if (token.usedAt) {
        await this.refreshTokens.revokeFamily(family.id, 'reuse_detected', manager);
        await this.audit.record(
          {
            actorId: family.userId,
            requestId,
            action: 'auth.refresh_token_reuse',
            targetType: 'refresh_token_family',
            targetId: family.id,
          },
          manager,
        );
        return { kind: 'reuse' as const };
      }
      if (token.expiresAt.getTime() <= Date.now()) return { kind: 'invalid' as const };
      const state = await this.users.findAccessState(family.userId);
      if (!state || state.status !== 'active') return { kind: 'invalid' as const };
      await this.refreshTokens.markUsed(token.id, manager);
      const next = await this.newRefreshToken(family.id, manager);
      return { kind: 'ok' as const, userId: family.userId, refreshToken: next };
    });
    if (outcome.kind !== 'ok') throw new AppError(IdentityErrorCode.INVALID_REFRESH_TOKEN);
    return {
      accessToken: await this.signAccess(outcome.userId),
      refreshToken: outcome.refreshToken,
      expiresIn: this.accessTtl,
      tokenType: 'Bearer',
    };
  }

  /** Revokes the family of the presented token. Unknown tokens are ignored (nothing to reveal). */
  async logout(presented: string, requestId?: string): Promise<void> {
    await this.refreshTokens.transaction(async (manager) => {
      const found = await this.refreshTokens.findByHashForUpdate(hashOpaqueToken(presented), manager);
      if (!found) return;
      const revoked = await this.refreshTokens.revokeFamily(found.family.id, 'logout', manager);
      if (revoked) {
        await this.audit.record(
          { actorId: found.family.userId, requestId, action: 'auth.logout', targetType: 'refresh_token_family', targetId: found.family.id },
          manager,
        );
      }
    });
  }

  /**
   * The Actor behind a verified access token, re-read on every request: a disabled user (or a
   * changed role or membership) takes effect at once.
   */
  async resolveActor(userId: string): Promise<Actor | null> {
    const state = await this.users.findAccessState(userId);
    if (!state || state.status !== 'active') return null;
    const scope = await this.scopes.resolve(userId, state.role);
    return { userId, role: state.role, ...scope };
  }

  private signAccess(userId: string): Promise<string> {
    const claims: AccessTokenClaims = { sub: userId, typ: 'access', jti: randomUUID() };
    return this.jwt.signAsync(claims);
  }

  private async newRefreshToken(familyId: string, manager: import('typeorm').EntityManager): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await this.refreshTokens.insertToken(familyId, hashOpaqueToken(token), new Date(Date.now() + this.refreshTtlMs), manager);
    return token;
  }
}
