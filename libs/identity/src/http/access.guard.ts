import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { AppError, PlatformErrorCode } from '@app/platform/errors';
import type { Actor, Role } from '../domain/role';
import { IdentityErrorCode } from '../identity.errors';
import { AUTH_ROLES, PUBLIC_ROUTE } from './auth.decorators';

@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err || !user) throw new AppError(PlatformErrorCode.UNAUTHENTICATED);
    return user;
  }
}

type Declaration = { kind: 'public' } | { kind: 'auth'; roles: Role[] } | undefined;

/**
 * The global guard (APP_GUARD): every HTTP route must declare `@Public()` or `@Auth(...)`, the
 * method's declaration winning over its class's. Undeclared routes are refused (fail closed).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwtGuard: JwtAuthGuard,
  ) {}

  /** Declarations never change at run time: resolved once per handler. */
  private readonly declarations = new WeakMap<object, Declaration | null>();

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const handler = context.getHandler();
    let declaration = this.declarations.get(handler);
    if (declaration === undefined) {
      declaration = this.declarationOf(handler) ?? this.declarationOf(context.getClass()) ?? null;
      this.declarations.set(handler, declaration);
    }
    if (!declaration) {
      this.logger.error(`route ${context.getClass().name}.${handler.name} declares neither @Public nor @Auth`);
      throw new AppError(IdentityErrorCode.ROUTE_ACCESS_UNDECLARED);
    }
    // Public routes answer synchronously: no promise on the hot path.
    if (declaration.kind === 'public') return true;
    return this.authenticate(context, declaration.roles);
  }

  private async authenticate(context: ExecutionContext, roles: Role[]): Promise<boolean> {
    await this.jwtGuard.canActivate(context);
    const actor = context.switchToHttp().getRequest<{ user?: Actor }>().user;
    if (!actor) throw new AppError(PlatformErrorCode.UNAUTHENTICATED);
    if (roles.length > 0 && !roles.includes(actor.role)) {
      throw new AppError(PlatformErrorCode.FORBIDDEN);
    }
    return true;
  }

  private declarationOf(target: object): Declaration {
    const roles = this.reflector.get<Role[] | undefined>(AUTH_ROLES, target as never);
    if (roles) return { kind: 'auth', roles };
    if (this.reflector.get<boolean | undefined>(PUBLIC_ROUTE, target as never)) return { kind: 'public' };
    return undefined;
  }
}
