import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { MembershipRole, OrganizationKind } from '../domain/organization';
import { CompanyInvitationEntity, MembershipEntity, OrganizationEntity } from './organization.entity';

export interface NewOrganization {
  kind: OrganizationKind;
  name: string;
  municipalityCode?: string | null;
  prefectureCode?: string | null;
  corporateNumber?: string | null;
}

export interface ScopeRow {
  kind: OrganizationKind;
  id: string;
  municipalityCode: string | null;
  prefectureCode: string | null;
}

@Injectable()
export class OrganizationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insertOrganization(org: NewOrganization, manager?: EntityManager): Promise<OrganizationEntity> {
    const repo = this.m(manager).getRepository(OrganizationEntity);
    return repo.save(repo.create(org));
  }

  findById(id: string, manager?: EntityManager): Promise<OrganizationEntity | null> {
    return this.m(manager).getRepository(OrganizationEntity).findOne({ where: { id } });
  }

  findByMunicipalityCode(code: string): Promise<OrganizationEntity | null> {
    return this.m().getRepository(OrganizationEntity).findOne({ where: { kind: 'municipality', municipalityCode: code } });
  }

  findByPrefectureCode(code: string): Promise<OrganizationEntity | null> {
    return this.m().getRepository(OrganizationEntity).findOne({ where: { kind: 'prefecture', prefectureCode: code } });
  }

  /** Ordered by id; `afterId` is the cursor. */
  listPage(limit: number, afterId?: string): Promise<OrganizationEntity[]> {
    const qb = this.m().getRepository(OrganizationEntity).createQueryBuilder('o').orderBy('o.id', 'ASC').take(limit);
    if (afterId) qb.where('o.id > :afterId', { afterId });
    return qb.getMany();
  }

  async insertMembership(
    row: { organizationId: string; userId: string; role: MembershipRole },
    manager?: EntityManager,
  ): Promise<MembershipEntity> {
    const repo = this.m(manager).getRepository(MembershipEntity);
    return repo.save(repo.create(row));
  }

  /** Organizations that give the user a staff or company-admin scope. */
  async findScopeOf(userId: string): Promise<ScopeRow[]> {
    const rows: { kind: OrganizationKind; id: string; municipality_code: string | null; prefecture_code: string | null }[] =
      await this.m().query(
        `SELECT o.kind, o.id, o.municipality_code, o.prefecture_code
           FROM memberships m JOIN organizations o ON o.id = m.organization_id
          WHERE m.user_id = $1 AND m.role IN ('staff', 'company_admin')`,
        [userId],
      );
    return rows.map((r) => ({ kind: r.kind, id: r.id, municipalityCode: r.municipality_code, prefectureCode: r.prefecture_code }));
  }

  /** User ids holding a staff membership in the municipality's organization (6-digit code). */
  async findMunicipalityStaffUserIds(municipalityCode: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.m().query(
      `SELECT DISTINCT m.user_id
         FROM memberships m JOIN organizations o ON o.id = m.organization_id
        WHERE o.kind = 'municipality' AND o.municipality_code = $1 AND m.role = 'staff'
        ORDER BY m.user_id`,
      [municipalityCode],
    );
    return rows.map((r) => r.user_id);
  }

  /** Staff memberships of several municipalities' organizations in one query (for batched fan-outs). */
  async findStaffUserIdsByMunicipalities(municipalityCodes: readonly string[]): Promise<{ municipalityCode: string; userId: string }[]> {
    if (municipalityCodes.length === 0) return [];
    const rows: { municipality_code: string; user_id: string }[] = await this.m().query(
      `SELECT DISTINCT o.municipality_code, m.user_id
         FROM memberships m JOIN organizations o ON o.id = m.organization_id
        WHERE o.kind = 'municipality' AND o.municipality_code = ANY($1::text[]) AND m.role = 'staff'
        ORDER BY o.municipality_code, m.user_id`,
      [[...municipalityCodes]],
    );
    return rows.map((r) => ({ municipalityCode: r.municipality_code, userId: r.user_id }));
  }

  /** User ids holding a staff membership in the prefecture's organization (2-digit code). */
  async findPrefectureStaffUserIds(prefectureCode: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.m().query(
      `SELECT DISTINCT m.user_id
         FROM memberships m JOIN organizations o ON o.id = m.organization_id
        WHERE o.kind = 'prefecture' AND o.prefecture_code = $1 AND m.role = 'staff'
        ORDER BY m.user_id`,
      [prefectureCode],
    );
    return rows.map((r) => r.user_id);
  }

  /** Employees of a company: users who accepted its invitation (membership role `employee`). */
  async findEmployeeUserIds(companyId: string): Promise<string[]> {
    const rows: { user_id: string }[] = await this.m().query(
      `SELECT DISTINCT m.user_id
         FROM memberships m JOIN organizations o ON o.id = m.organization_id
        WHERE o.kind = 'company' AND o.id = $1 AND m.role = 'employee'
        ORDER BY m.user_id`,
      [companyId],
    );
    return rows.map((r) => r.user_id);
  }

  /** Companies the user has joined as an employee (accepted invitations). */
  async findEmployerIds(userId: string): Promise<string[]> {
    const rows = await this.m()
      .getRepository(MembershipEntity)
      .find({ where: { userId, role: 'employee' }, select: { organizationId: true } });
    return rows.map((r) => r.organizationId);
  }

  async insertInvitation(
    row: { organizationId: string; email: string; tokenHash: string; invitedBy: string; expiresAt: Date },
    manager?: EntityManager,
  ): Promise<CompanyInvitationEntity> {
    const repo = this.m(manager).getRepository(CompanyInvitationEntity);
    return repo.save(repo.create(row));
  }

  async findPendingInvitationForUpdate(tokenHash: string, manager: EntityManager): Promise<CompanyInvitationEntity | null> {
    return manager
      .getRepository(CompanyInvitationEntity)
      .createQueryBuilder('i')
      .setLock('pessimistic_write')
      .where('i.tokenHash = :tokenHash AND i.status = :status', { tokenHash, status: 'pending' })
      .getOne();
  }

  async markInvitationAccepted(id: string, userId: string, manager: EntityManager): Promise<void> {
    await manager
      .getRepository(CompanyInvitationEntity)
      .update({ id }, { status: 'accepted', acceptedBy: userId, acceptedAt: new Date() });
  }
}
