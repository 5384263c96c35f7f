import { Injectable, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { createSecretKey } from 'node:crypto';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { Env } from '@app/platform/config';
import { AuthService } from '../application/auth.service';
import type { Actor } from '../domain/role';

/** Access tokens: HS256 only, issuer and audience checked, `typ: access` required. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(config: ConfigService<Env, true>, private readonly auth: AuthService) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject built once: with a string secret, jsonwebtoken derives a key on every request.
      secretOrKey: createSecretKey(Buffer.from(String(config.get('JWT_SECRET', { infer: true })), 'utf8')) as unknown as string,
      algorithms: ['HS256'],
      issuer: config.get('JWT_ISSUER', { infer: true }),
      audience: config.get('JWT_AUDIENCE', { infer: true }),
      ignoreExpiration: false,
      jsonWebTokenOptions: { clockTolerance: 5 },
      passReqToCallback: true,
    });
  }

  async validate(request: { id?: string }, payload: { sub?: unknown; typ?: unknown }): Promise<Actor> {
    if (payload.typ !== 'access' || typeof payload.sub !== 'string') throw new UnauthorizedException();
    const actor = await this.auth.resolveActor(payload.sub);
    if (!actor) throw new UnauthorizedException();
    return { ...actor, requestId: request.id };
  }
}
