import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { preparedQuery } from '@app/platform/database';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Role, UserStatus } from '../domain/role';
import { UserEntity } from './user.entity';

export interface NewUser {
  email: string;
  passwordHash: string | null;
  role: Role;
  displayName: string | null;
}

@Injectable()
export class UserRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private repo(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(UserEntity);
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findById(id: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<UserEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.repo().findBy({ id: In([...ids]) });
  }

  /** The user with its password hash, for credential checks only. */
  findByEmailWithHash(email: string): Promise<UserEntity | null> {
    return this.repo()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
  }

  findByEmail(email: string, manager?: EntityManager): Promise<UserEntity | null> {
    return this.repo(manager).findOne({ where: { email } });
  }

  /** Of the given ids, those whose account is active (one query). */
  async findActiveIds(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = await this.repo().find({ where: { id: In(ids), status: 'active' }, select: { id: true } });
    return rows.map((r) => r.id);
  }

  /** Ids of the active accounts holding a role (operators' roles are few accounts). */
  async findActiveIdsByRole(role: Role): Promise<string[]> {
    const rows = await this.repo().find({ where: { role, status: 'active' }, select: { id: true }, order: { id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** Role and status only, read on every authenticated request: plain SQL, no entity hydration. */
  async findAccessState(id: string): Promise<{ role: Role; status: UserStatus } | null> {
    // Every authenticated request runs it: a named prepared statement skips parse and plan.
    const rows = await preparedQuery<{ role: Role; status: UserStatus }>(this.dataSource.manager, 'identity.access_state', 'SELECT role, status FROM users WHERE id = $1', [id]);
    return rows[0] ?? null;
  }

  /** Inserts a user; returns null when the email is taken (ON CONFLICT DO NOTHING). */
  async insertIfEmailFree(user: NewUser, manager?: EntityManager): Promise<UserEntity | null> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .into(UserEntity)
      .values(user)
      .orIgnore()
      .returning('*')
      .execute();
    if (result.raw.length === 0) return null;
    return this.findById((result.raw[0] as { id: string }).id, manager);
  }

  async setStatus(id: string, status: UserStatus, manager?: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).update(
      { id },
      { status, disabledAt: status === 'disabled' ? new Date() : null },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Hard delete: refresh tokens and memberships cascade; the audit log keeps the bare id. */
  async deleteById(id: string, manager: EntityManager): Promise<boolean> {
    const result = await manager.getRepository(UserEntity).delete({ id });
    return (result.affected ?? 0) > 0;
  }

  /** The password hash of one user, for re-authentication. */
  async findHashById(id: string): Promise<string | null> {
    const row = await this.repo()
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id })
      .getOne();
    return row?.passwordHash ?? null;
  }

  async anyAdminExists(manager?: EntityManager): Promise<boolean> {
    return this.repo(manager).exists({ where: { role: 'admin' } });
  }

  /** Serializes admin bootstrap across api instances for the current transaction. */
  async lockAdminBootstrap(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('kakawari:bootstrap-admin'))`);
  }
}
