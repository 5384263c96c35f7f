/** Identity context: accounts, authentication, roles, the global access guard and the audit log. */
export { IdentityModule } from './identity.module';
export { IdentityService } from './application/identity.service';
export type { UserAccount, NewAccount } from './application/identity.service';
export { AuditLogService } from './application/audit-log.service';
export type { AuditEntry } from './application/audit-log.service';
export { ActorScopeRegistry } from './application/actor-scope.registry';
export type { ActorScope, ActorScopeResolver } from './application/actor-scope.registry';
export { PasswordHasher } from './application/password-hasher.service';
export { Auth, Public, CurrentActor } from './http/auth.decorators';
export type { Role, Actor, UserStatus } from './domain/role';
export { ROLES, isRole } from './domain/role';
export { normalizeEmail } from './domain/email';
export { checkPassword, PASSWORD_MIN, PASSWORD_MAX } from './domain/password-policy';
export { IdentityErrorCode, identityErrors } from './identity.errors';
export { USER_DELETED_TOPIC } from './domain/identity.events';
export type { UserDeletedPayload } from './domain/identity.events';
