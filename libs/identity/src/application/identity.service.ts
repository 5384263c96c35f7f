import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { OutboxService } from '@app/platform/outbox';
import { AppError, PlatformErrorCode } from '@app/platform/errors';
import { normalizeEmail } from '../domain/email';
import { USER_DELETED_TOPIC, type UserDeletedPayload } from '../domain/identity.events';
import { checkPassword, type PasswordProblem } from '../domain/password-policy';
import type { Role, UserStatus } from '../domain/role';
import { IdentityErrorCode } from '../identity.errors';
import { RefreshTokenRepository } from '../persistence/refresh-token.repository';
import { UserRepository } from '../persistence/user.repository';
import { AuditLogService } from './audit-log.service';
import { PasswordHasher } from './password-hasher.service';

export interface UserAccount {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
  displayName: string | null;
  createdAt: Date;
}

export interface NewAccount {
  email: string;
  password: string;
  role: Role;
  displayName?: string | null;
}

const passwordErrors: Record<PasswordProblem, IdentityErrorCode> = {
  too_short: IdentityErrorCode.PASSWORD_TOO_SHORT,
  too_long: IdentityErrorCode.PASSWORD_TOO_LONG,
  too_common: IdentityErrorCode.PASSWORD_TOO_COMMON,
};

/** Accounts: registration, creation by operators, contact lookup, disabling. */
@Injectable()
export class IdentityService {
  private readonly logger = new Logger(IdentityService.name);

  constructor(
    private readonly users: UserRepository,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly hasher: PasswordHasher,
    private readonly audit: AuditLogService,
    private readonly outbox: OutboxService,
  ) {}

  /** Throws a 400 with a Japanese message when the password breaks the policy. */
  assertPasswordAcceptable(password: string): void {
    const problem = checkPassword(password);
    if (problem) {
      throw new AppError(passwordErrors[problem], {}, [
        { field: 'password', code: problem, message: problem.replace('_', ' ') },
      ]);
    }
  }

  /**
   * Self-registration of a participant. Returns whether an account was created; callers must not
   * reveal it (no account enumeration). The hash is computed either way so timing is similar.
   */
  async registerParticipant(input: { email: string; password: string; displayName?: string | null }, requestId?: string): Promise<boolean> {
    this.assertPasswordAcceptable(input.password);
    const email = normalizeEmail(input.email);
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.users.insertIfEmailFree({
      email,
      passwordHash,
      role: 'participant',
      displayName: input.displayName ?? null,
    });
    if (!user) {
      await this.audit.record({ actorId: null, requestId, action: 'auth.register_existing_email', metadata: {} });
      return false;
    }
    await this.audit.record({ actorId: user.id, requestId, action: 'auth.register', targetType: 'user', targetId: user.id });
    return true;
  }

  /** An account created by an operator (staff, analysts, admins). 409 when the email is taken. */
  async createAccount(input: NewAccount, actorId: string | null, manager?: EntityManager): Promise<UserAccount> {
    this.assertPasswordAcceptable(input.password);
    const passwordHash = await this.hasher.hash(input.password);
    const user = await this.users.insertIfEmailFree(
      {
        email: normalizeEmail(input.email),
        passwordHash,
        role: input.role,
        displayName: input.displayName ?? null,
      },
      manager,
    );
    if (!user) throw new AppError(IdentityErrorCode.EMAIL_TAKEN);
    await this.audit.record(
      { actorId, action: 'user.create', targetType: 'user', targetId: user.id, metadata: { role: input.role } },
      manager,
    );
    return toAccount(user);
  }

  /** Of the given user ids, those whose account is active — one query, for fan-outs. */
  async filterActiveUserIds(userIds: string[]): Promise<string[]> {
    const active = new Set(await this.users.findActiveIds(userIds));
    return userIds.filter((id) => active.has(id));
  }

  /** Active accounts of a role, e.g. every hq_analyst for KPI notifications (never participants: unbounded). */
  async listActiveUserIdsByRole(role: Exclude<Role, 'participant'>): Promise<string[]> {
    return this.users.findActiveIdsByRole(role);
  }

  async getAccount(userId: string, manager?: EntityManager): Promise<UserAccount | null> {
    const user = await this.users.findById(userId, manager);
    return user ? toAccount(user) : null;
  }

  async findAccountByEmail(email: string, manager?: EntityManager): Promise<UserAccount | null> {
    const user = await this.users.findByEmail(normalizeEmail(email), manager);
    return user ? toAccount(user) : null;
  }

  /** Contact data of a user, for contexts that must reach them (notifications, consented hosts). */
  async getContact(userId: string): Promise<{ userId: string; email: string; displayName: string | null } | null> {
    const user = await this.users.findById(userId);
    return user ? { userId: user.id, email: user.email, displayName: user.displayName } : null;
  }

  /** `getContact` for many users, in one query (unknown ids are absent). */
  async getContacts(userIds: readonly string[]): Promise<Map<string, { userId: string; email: string; displayName: string | null }>> {
    const users = await this.users.findByIds(userIds);
    return new Map(users.map((u) => [u.id, { userId: u.id, email: u.email, displayName: u.displayName }]));
  }

  /** Disables a user: access tokens stop working on the next request, refresh families are revoked. */
  async disableUser(userId: string, actorId: string): Promise<void> {
    // An admin cannot lock themselves (and possibly the platform) out.
    if (userId === actorId) throw new AppError(PlatformErrorCode.CONFLICT);
    await this.users.transaction(async (manager) => {
      const changed = await this.users.setStatus(userId, 'disabled', manager);
      if (!changed) throw new AppError(IdentityErrorCode.USER_NOT_FOUND);
      await this.refreshTokens.revokeAllOfUser(userId, 'user_disabled', manager);
      await this.audit.record({ actorId, action: 'user.disable', targetType: 'user', targetId: userId }, manager);
    });
  }

  /**
   * A participant deletes their own account (password re-entered). Personal data in this context
   * (email, name, hash, tokens, memberships) is removed at once; other contexts react to
   * `identity.user.deleted`, written in the same transaction through the outbox.
   */
  async deleteOwnAccount(userId: string, password: string, requestId?: string): Promise<void> {
    const hash = await this.users.findHashById(userId);
    const ok = hash ? await this.hasher.verify(hash, password) : await this.hasher.verifyDummy(password);
    if (!ok) throw new AppError(IdentityErrorCode.PASSWORD_CONFIRMATION_FAILED);
    await this.users.transaction(async (manager) => {
      const deleted = await this.users.deleteById(userId, manager);
      if (!deleted) throw new AppError(IdentityErrorCode.USER_NOT_FOUND);
      const payload: UserDeletedPayload = { userId, deletedAt: new Date().toISOString() };
      await this.outbox.publish(manager, { topic: USER_DELETED_TOPIC, key: userId, payload: { ...payload } });
      await this.audit.record({ actorId: userId, requestId, action: 'user.delete', targetType: 'user', targetId: userId }, manager);
    });
  }

  /**
   * Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists. Idempotent and
   * race-safe across api instances (transaction-scoped advisory lock + unique email).
   */
  async ensureBootstrapAdmin(email: string, password: string): Promise<'created' | 'exists'> {
    return this.users.transaction(async (manager) => {
      await this.users.lockAdminBootstrap(manager);
      if (await this.users.anyAdminExists(manager)) return 'exists';
      const existing = await this.users.findByEmail(normalizeEmail(email), manager);
      if (existing) {
        this.logger.warn('ADMIN_EMAIL belongs to a non-admin account; no admin created');
        return 'exists';
      }
      await this.createAccount({ email, password, role: 'admin', displayName: 'Administrator' }, null, manager);
      return 'created';
    });
  }
}

function toAccount(user: {
  id: string;
  email: string;
  role: Role;
  status: UserStatus;
  displayName: string | null;
  createdAt: Date;
}): UserAccount {
  return {
    id: user.id,
    email: user.email,
    role: user.role,
    status: user.status,
    displayName: user.displayName,
    createdAt: user.createdAt,
  };
}
