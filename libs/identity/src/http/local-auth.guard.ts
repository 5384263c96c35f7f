import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AppError } from '@app/platform/errors';
import { IdentityErrorCode } from '../identity.errors';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new AppError(IdentityErrorCode.INVALID_CREDENTIALS);
    return user;
  }
}
