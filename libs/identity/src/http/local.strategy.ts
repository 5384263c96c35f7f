import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-local';
import { AppError } from '@app/platform/errors';
import { AuthService } from '../application/auth.service';
import { IdentityErrorCode } from '../identity.errors';

/** Email + password login; one answer for unknown email, wrong password and disabled account. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', session: false, passReqToCallback: true });
  }

  async validate(request: { id?: string }, email: string, password: string): Promise<{ id: string }> {
    const user = await this.auth.validateCredentials(email, password, request.id);
    if (!user) throw new AppError(IdentityErrorCode.INVALID_CREDENTIALS);
    return user;
  }
}
