import { Injectable } from '@nestjs/common';
import type { Role } from '../domain/role';

export interface ActorScope {
  municipalityCodes: string[];
  prefectureCodes: string[];
  companyIds: string[];
}

export type ActorScopeResolver = (userId: string, role: Role) => Promise<ActorScope>;

/**
 * Staff scope lives in the organizations context, which depends on identity. To keep dependencies
 * one-way, organizations registers its resolver here at module init; without one, scopes are empty.
 */
@Injectable()
export class ActorScopeRegistry {
  private resolver?: ActorScopeResolver;

  register(resolver: ActorScopeResolver): void {
    this.resolver = resolver;
  }

  async resolve(userId: string, role: Role): Promise<ActorScope> {
    if (!this.resolver || role === 'participant' || role === 'hq_analyst' || role === 'admin') {
      return { municipalityCodes: [], prefectureCodes: [], companyIds: [] };
    }
    return this.resolver(userId, role);
  }
}
