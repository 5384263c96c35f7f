import { Controller, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { AppError } from '@app/platform/errors';
import type { Actor } from '../domain/role';
import { AccessGuard, type JwtAuthGuard } from './access.guard';
import { Auth, Public } from './auth.decorators';

/** Guards answer synchronously (public routes) or asynchronously; compare both as a promise. */
const run = (fn: () => boolean | Promise<boolean>): Promise<boolean> => Promise.resolve().then(fn);

@Controller('undeclared')
class UndeclaredController {
  @Get() open() {}
}

@Controller('mixed')
@Auth('admin')
class MixedController {
  @Get() adminOnly() {}
  @Get('anyone') @Public() anyone() {}
  @Get('staff') @Auth('municipality_staff') staff() {}
}

/** Stands in for passport: puts the given actor on the request, or refuses like passport-jwt. */
function fakeJwt(actor: Actor | null): JwtAuthGuard {
  return {
    canActivate: async (ctx: ExecutionContextHost) => {
      if (!actor) throw new AppError('UNAUTHENTICATED');
      ctx.switchToHttp().getRequest<{ user?: Actor }>().user = actor;
      return true;
    },
  } as unknown as JwtAuthGuard;
}

const actor = (role: Actor['role']): Actor => ({ userId: 'u', role, municipalityCodes: [], prefectureCodes: [], companyIds: [] });
const ctx = (cls: object, handler: (...a: never[]) => unknown) => new ExecutionContextHost([{}, {}], cls as never, handler as never);

describe('AccessGuard', () => {
  it('refuses a route that declares neither @Public nor @Auth (fail closed)', async () => {
    const guard = new AccessGuard(new Reflector(), fakeJwt(actor('admin')));
    await expect(run(() => guard.canActivate(ctx(UndeclaredController, UndeclaredController.prototype.open)))).rejects.toMatchObject({
      code: 'ROUTE_ACCESS_UNDECLARED',
    });
  });

  it('lets a method-level @Public override a class-level @Auth, without a token', async () => {
    const guard = new AccessGuard(new Reflector(), fakeJwt(null));
    await expect(run(() => guard.canActivate(ctx(MixedController, MixedController.prototype.anyone)))).resolves.toBe(true);
    await expect(run(() => guard.canActivate(ctx(MixedController, MixedController.prototype.adminOnly)))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('checks the role of the method declaration first, then the class', async () => {
    const staff = new AccessGuard(new Reflector(), fakeJwt(actor('municipality_staff')));
    await expect(run(() => staff.canActivate(ctx(MixedController, MixedController.prototype.staff)))).resolves.toBe(true);
    await expect(run(() => staff.canActivate(ctx(MixedController, MixedController.prototype.adminOnly)))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const admin = new AccessGuard(new Reflector(), fakeJwt(actor('admin')));
    await expect(run(() => admin.canActivate(ctx(MixedController, MixedController.prototype.adminOnly)))).resolves.toBe(true);
    await expect(run(() => admin.canActivate(ctx(MixedController, MixedController.prototype.staff)))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
