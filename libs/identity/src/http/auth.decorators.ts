import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Actor, Role } from '../domain/role';

export const PUBLIC_ROUTE = 'kakawari:identity:public';
export const AUTH_ROLES = 'kakawari:identity:roles';

/**
 * Requires a valid access token and, when roles are given, one of them (none = any authenticated
 * user). On a class or a method; a method's declaration overrides its class's.
 */
export function Auth(...roles: Role[]): ClassDecorator & MethodDecorator {
  return applyDecorators(
    SetMetadata(AUTH_ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token (problem details).' }),
    ApiForbiddenResponse({ description: 'The role may not call this operation (problem details).' }),
  );
}

/** An anonymous route. Every route must declare `@Public()` or `@Auth(...)`; others are refused. */
export function Public(): ClassDecorator & MethodDecorator {
  return SetMetadata(PUBLIC_ROUTE, true);
}

/** The authenticated caller (only on routes declared with `@Auth`). */
export const CurrentActor = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor => {
  const request = ctx.switchToHttp().getRequest<{ user?: Actor }>();
  return request.user as Actor;
});
