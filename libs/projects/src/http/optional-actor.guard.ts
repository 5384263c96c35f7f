import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';

/**
 * For public routes that show more to staff (their own drafts): reads a valid bearer token when
 * one is sent and otherwise leaves the request anonymous. Uses identity's 'jwt' strategy.
 */
@Injectable()
export class OptionalActorGuard extends AuthGuard('jwt') {
  override handleRequest<T>(_err: unknown, user: T): T {
    return (user || null) as T;
  }
}
