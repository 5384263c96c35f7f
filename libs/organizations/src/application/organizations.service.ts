import { Injectable, type OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ActorScopeRegistry, AuditLogService, IdentityService, normalizeEmail, type Actor, type ActorScope, type Role } from '@app/identity';
import { isUniqueViolation } from '@app/platform/database';
import { AppError } from '@app/platform/errors';
import { RegionsService } from '@app/regions';
import { isValidCorporateNumber } from '../domain/corporate-number';
import type { MembershipRole, OrganizationKind } from '../domain/organization';
import type { OrganizationEntity } from '../persistence/organization.entity';
import { OrganizationsRepository } from '../persistence/organizations.repository';
import { OrganizationsErrorCode } from '../organizations.errors';

export interface OrganizationView {
  id: string;
  kind: OrganizationKind;
  name: string;
  municipalityCode: string | null;
  prefectureCode: string | null;
  corporateNumber: string | null;
  createdAt: Date;
}

/** Which user role may hold which membership in which kind of organization. */
const MEMBERSHIP_RULES: Record<OrganizationKind, Partial<Record<Role, MembershipRole>>> = {
  municipality: { municipality_staff: 'staff' },
  prefecture: { prefecture_staff: 'staff' },
  company: { company_admin: 'company_admin', participant: 'employee' },
};

const STAFF_ROLE: Record<OrganizationKind, Role> = {
  municipality: 'municipality_staff',
  prefecture: 'prefecture_staff',
  company: 'company_admin',
};

const INVITATION_TTL_MS = 14 * 86_400_000;

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

@Injectable()
export class OrganizationsService implements OnModuleInit {
  constructor(
    private readonly repository: OrganizationsRepository,
    private readonly regions: RegionsService,
    private readonly identity: IdentityService,
    private readonly audit: AuditLogService,
    private readonly scopes: ActorScopeRegistry,
  ) {}

  onModuleInit(): void {
    this.scopes.register((userId) => this.resolveScope(userId));
  }

  /** Staff scope of a user, from memberships (used for every authenticated request). */
  async resolveScope(userId: string): Promise<ActorScope> {
    const rows = await this.repository.findScopeOf(userId);
    return {
      municipalityCodes: rows.filter((r) => r.kind === 'municipality').map((r) => r.municipalityCode!),
      prefectureCodes: rows.filter((r) => r.kind === 'prefecture').map((r) => r.prefectureCode!),
      companyIds: rows.filter((r) => r.kind === 'company').map((r) => r.id),
    };
  }

  /**
   * Active staff of a municipality's organization (for notifications to the host's staff).
   * Disabled accounts are left out; an unknown code or a municipality without organization → [].
   */
  async listStaffUserIds(municipalityCode: string): Promise<string[]> {
    const ids = await this.repository.findMunicipalityStaffUserIds(municipalityCode);
    return this.identity.filterActiveUserIds(ids);
  }

  /**
   * `listStaffUserIds` for many municipalities at once: one memberships query and one active-account
   * filter, whatever the number of codes. Every code is a key (an empty list when no staff).
   */
  async listStaffUserIdsByMunicipality(municipalityCodes: readonly string[]): Promise<Map<string, string[]>> {
    const codes = [...new Set(municipalityCodes)];
    const rows = await this.repository.findStaffUserIdsByMunicipalities(codes);
    const active = new Set(await this.identity.filterActiveUserIds([...new Set(rows.map((r) => r.userId))]));
    const out = new Map<string, string[]>(codes.map((c) => [c, []]));
    for (const r of rows) if (active.has(r.userId)) out.get(r.municipalityCode)?.push(r.userId);
    return out;
  }

  /**
   * Active employees of a company: participants who accepted its invitation (their consent to the
   * link). For consented, suppressed company aggregates (statistics) — never shown one by one.
   */
  async listEmployeeUserIds(companyId: string): Promise<string[]> {
    const ids = await this.repository.findEmployeeUserIds(companyId);
    return this.identity.filterActiveUserIds(ids);
  }

  /** Active staff of a prefecture's organization (for notifications to the prefecture). */
  async listPrefectureStaffUserIds(prefectureCode: string): Promise<string[]> {
    const ids = await this.repository.findPrefectureStaffUserIds(prefectureCode);
    return this.identity.filterActiveUserIds(ids);
  }

  /** Companies a participant joined by accepting an invitation. */
  findEmployerIds(userId: string): Promise<string[]> {
    return this.repository.findEmployerIds(userId);
  }

  /** One organization per municipality; a ward code resolves to its city. 409 when it exists. */
  async createMunicipalityOrganization(code: string, actorId: string | null): Promise<OrganizationView> {
    const { municipality } = await this.regions.resolveMunicipality(code);
    // Checked first so the common duplicate is a clean 409; the unique index still decides races.
    if (await this.repository.findByMunicipalityCode(municipality.code)) throw new AppError(OrganizationsErrorCode.ORGANIZATION_EXISTS);
    return this.insert({ kind: 'municipality', name: municipality.name, municipalityCode: municipality.code }, actorId);
  }

  async createPrefectureOrganization(code: string, actorId: string | null): Promise<OrganizationView> {
    const prefecture = await this.regions.getPrefecture(code);
    if (await this.repository.findByPrefectureCode(prefecture.code)) throw new AppError(OrganizationsErrorCode.ORGANIZATION_EXISTS);
    return this.insert({ kind: 'prefecture', name: prefecture.name, prefectureCode: prefecture.code }, actorId);
  }

  async createCompany(input: { name: string; corporateNumber?: string | null }, actorId: string | null): Promise<OrganizationView> {
    const corporateNumber = input.corporateNumber ? input.corporateNumber.normalize('NFKC').replace(/[-\s]/g, '') : null;
    if (corporateNumber !== null && !isValidCorporateNumber(corporateNumber)) {
      throw new AppError(OrganizationsErrorCode.INVALID_CORPORATE_NUMBER, { value: input.corporateNumber });
    }
    return this.insert({ kind: 'company', name: input.name.trim(), corporateNumber }, actorId);
  }

  /** The municipality's organization, created when missing (idempotent). */
  async ensureMunicipalityOrganization(code: string, actorId: string | null): Promise<OrganizationView> {
    const code6 = (await this.regions.resolveMunicipality(code)).municipality.code;
    const existing = await this.repository.findByMunicipalityCode(code6);
    if (existing) return view(existing);
    try {
      return await this.createMunicipalityOrganization(code6, actorId);
    } catch (e) {
      const again = await this.repository.findByMunicipalityCode(code6);
      if (again) return view(again);
      throw e;
    }
  }

  async ensurePrefectureOrganization(code: string, actorId: string | null): Promise<OrganizationView> {
    const prefecture = await this.regions.getPrefecture(code);
    const existing = await this.repository.findByPrefectureCode(prefecture.code);
    if (existing) return view(existing);
    try {
      return await this.createPrefectureOrganization(prefecture.code, actorId);
    } catch (e) {
      const again = await this.repository.findByPrefectureCode(prefecture.code);
      if (again) return view(again);
      throw e;
    }
  }

  async listOrganizations(limit: number, cursor?: string): Promise<{ items: OrganizationView[]; nextCursor: string | null }> {
    let afterId: string | undefined;
    if (cursor) {
      afterId = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!/^[0-9a-f-]{36}$/.test(afterId)) throw new AppError(OrganizationsErrorCode.INVALID_CURSOR);
    }
    const rows = await this.repository.listPage(limit + 1, afterId);
    const items = rows.slice(0, limit).map(view);
    const nextCursor = rows.length > limit ? Buffer.from(items[items.length - 1].id).toString('base64url') : null;
    return { items, nextCursor };
  }

  /**
   * An organization as the actor may see it: admins any; staff and company admins only their own
   * (prefecture staff also the municipalities of their prefecture). Anything else is a 404.
   */
  async getOrganizationFor(actor: Actor, id: string): Promise<OrganizationView> {
    const org = await this.repository.findById(id);
    if (!org || !canSee(actor, org)) throw new AppError(OrganizationsErrorCode.ORGANIZATION_NOT_FOUND);
    return view(org);
  }

  /** Creates a staff account (role from the organization's kind) and its membership, atomically. */
  async createStaffAccount(
    organizationId: string,
    input: { email: string; password: string; displayName?: string | null },
    actorId: string,
  ): Promise<{ userId: string; email: string; role: Role; organizationId: string }> {
    return this.repository.transaction(async (manager) => {
      const org = await this.repository.findById(organizationId, manager);
      if (!org) throw new AppError(OrganizationsErrorCode.ORGANIZATION_NOT_FOUND);
      const role = STAFF_ROLE[org.kind];
      const account = await this.identity.createAccount({ ...input, role }, actorId, manager);
      await this.addMembershipTx(org, account.id, role, actorId, manager);
      return { userId: account.id, email: account.email, role, organizationId: org.id };
    });
  }

  /** Links an existing user to an organization; the membership role follows the user's role. */
  async addMembership(organizationId: string, userId: string, actorId: string | null): Promise<void> {
    await this.repository.transaction(async (manager) => {
      const org = await this.repository.findById(organizationId, manager);
      if (!org) throw new AppError(OrganizationsErrorCode.ORGANIZATION_NOT_FOUND);
      const account = await this.identity.getAccount(userId, manager);
      if (!account) throw new AppError(OrganizationsErrorCode.ORGANIZATION_NOT_FOUND);
      await this.addMembershipTx(org, userId, account.role, actorId, manager);
    });
  }

  /** A company admin invites an employee by email; returns the one-time token to send them. */
  async inviteEmployee(
    actor: Actor,
    companyId: string,
    email: string,
  ): Promise<{ invitationId: string; token: string; expiresAt: Date }> {
    if (actor.role !== 'company_admin' || !actor.companyIds.includes(companyId)) {
      throw new AppError(OrganizationsErrorCode.ORGANIZATION_NOT_FOUND);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
    return this.repository.transaction(async (manager) => {
      const invitation = await this.repository.insertInvitation(
        { organizationId: companyId, email: normalizeEmail(email), tokenHash: sha256(token), invitedBy: actor.userId, expiresAt },
        manager,
      );
      await this.audit.record(
        { actorId: actor.userId, requestId: actor.requestId, action: 'company.invite_employee', targetType: 'organization', targetId: companyId, metadata: { invitationId: invitation.id } },
        manager,
      );
      return { invitationId: invitation.id, token, expiresAt };
    });
  }

  /** The invited participant accepts; only then does the employee link exist. */
  async acceptInvitation(actor: Actor, token: string): Promise<{ organizationId: string }> {
    if (actor.role !== 'participant') throw new AppError(OrganizationsErrorCode.INVITATION_NOT_FOUND);
    return this.repository.transaction(async (manager) => {
      const invitation = await this.repository.findPendingInvitationForUpdate(sha256(token), manager);
      const account = await this.identity.getAccount(actor.userId, manager);
      if (!invitation || !account || invitation.expiresAt.getTime() <= Date.now() || invitation.email !== account.email) {
        throw new AppError(OrganizationsErrorCode.INVITATION_NOT_FOUND);
      }
      const org = await this.repository.findById(invitation.organizationId, manager);
      if (!org) throw new AppError(OrganizationsErrorCode.INVITATION_NOT_FOUND);
      await this.addMembershipTx(org, actor.userId, 'participant', actor.userId, manager);
      await this.repository.markInvitationAccepted(invitation.id, actor.userId, manager);
      return { organizationId: org.id };
    });
  }

  private async addMembershipTx(
    org: OrganizationEntity,
    userId: string,
    userRole: Role,
    actorId: string | null,
    manager: EntityManager,
  ): Promise<void> {
    const membershipRole = MEMBERSHIP_RULES[org.kind][userRole];
    if (!membershipRole) throw new AppError(OrganizationsErrorCode.MEMBERSHIP_ROLE_MISMATCH);
    try {
      await manager.transaction(async (inner) => {
        await this.repository.insertMembership({ organizationId: org.id, userId, role: membershipRole }, inner);
      });
    } catch (e) {
      if (isUniqueViolation(e, 'uq_memberships_organization_id_user_id')) throw new AppError(OrganizationsErrorCode.MEMBERSHIP_EXISTS);
      throw e;
    }
    await this.audit.record(
      { actorId, action: 'membership.create', targetType: 'organization', targetId: org.id, metadata: { userId, role: membershipRole } },
      manager,
    );
  }

  private async insert(
    org: { kind: OrganizationKind; name: string; municipalityCode?: string; prefectureCode?: string; corporateNumber?: string | null },
    actorId: string | null,
  ): Promise<OrganizationView> {
    try {
      return await this.repository.transaction(async (manager) => {
        const saved = await this.repository.insertOrganization(org, manager);
        await this.audit.record(
          { actorId, action: 'organization.create', targetType: 'organization', targetId: saved.id, metadata: { kind: org.kind } },
          manager,
        );
        return view(saved);
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AppError(OrganizationsErrorCode.ORGANIZATION_EXISTS);
      throw e;
    }
  }
}

function canSee(actor: Actor, org: OrganizationEntity): boolean {
  if (actor.role === 'admin') return true;
  switch (org.kind) {
    case 'municipality':
      return (
        (actor.role === 'municipality_staff' && actor.municipalityCodes.includes(org.municipalityCode!)) ||
        (actor.role === 'prefecture_staff' && actor.prefectureCodes.includes(org.municipalityCode!.slice(0, 2)))
      );
    case 'prefecture':
      return actor.role === 'prefecture_staff' && actor.prefectureCodes.includes(org.prefectureCode!);
    case 'company':
      return actor.role === 'company_admin' && actor.companyIds.includes(org.id);
  }
}

function view(org: OrganizationEntity): OrganizationView {
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    municipalityCode: org.municipalityCode,
    prefectureCode: org.prefectureCode,
    corporateNumber: org.corporateNumber,
    createdAt: org.createdAt,
  };
}
