import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { ConsentPurpose } from '../domain/consent';
import { ConsentEventEntity } from './consent-event.entity';
import { ParticipantProfileEntity } from './participant-profile.entity';

export type ProfileRow = Omit<ParticipantProfileEntity, 'version' | 'createdAt' | 'updatedAt'>;

/** Profiles and consent history of participants. Every method is scoped to one user id. */
@Injectable()
export class ParticipantsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  findProfile(userId: string): Promise<ParticipantProfileEntity | null> {
    return this.dataSource.getRepository(ParticipantProfileEntity).findOneBy({ userId });
  }

  async upsertProfile(manager: EntityManager, row: ProfileRow): Promise<ParticipantProfileEntity> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(ParticipantProfileEntity)
      .values(row)
      .orUpdate(
        ['display_name', 'residence_municipality_code', 'hometown_municipality_code', 'interest_region_codes', 'skills', 'interests', 'modes', 'availability', 'participant_type'],
        ['user_id'],
      )
      .execute();
    await manager.query(
      `UPDATE participant_profiles SET version = version + CASE WHEN created_at = now() THEN 0 ELSE 1 END, updated_at = now() WHERE user_id = $1`,
      [row.userId],
    );
    return (await manager.getRepository(ParticipantProfileEntity).findOneBy({ userId: row.userId }))!;
  }

  async appendConsent(
    manager: EntityManager,
    row: { userId: string; purpose: ConsentPurpose; municipalityCode: string | null; granted: boolean; policyVersion: string },
  ): Promise<ConsentEventEntity> {
    const result = await manager.createQueryBuilder().insert().into(ConsentEventEntity).values(row).returning('*').execute();
    return manager.getRepository(ConsentEventEntity).create(result.generatedMaps[0] as ConsentEventEntity);
  }

  /** The newest decision per (purpose, municipality) of one user. */
  latestConsents(userId: string): Promise<ConsentEventEntity[]> {
    return this.dataSource
      .getRepository(ConsentEventEntity)
      .createQueryBuilder('c')
      .distinctOn(['c.purpose', 'c.municipality_code'])
      .where('c.user_id = :userId', { userId })
      .orderBy('c.purpose')
      .addOrderBy('c.municipality_code', 'ASC', 'NULLS FIRST')
      .addOrderBy('c.id', 'DESC')
      .getMany();
  }

  /** `latestConsents` of many users for one purpose, in one query. */
  latestConsentsOfMany(userIds: readonly string[], purpose: ConsentPurpose): Promise<ConsentEventEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ConsentEventEntity)
      .createQueryBuilder('c')
      .distinctOn(['c.user_id', 'c.municipality_code'])
      .where('c.user_id = ANY(:userIds) AND c.purpose = :purpose', { userIds: [...userIds], purpose })
      .orderBy('c.user_id')
      .addOrderBy('c.municipality_code', 'ASC', 'NULLS FIRST')
      .addOrderBy('c.id', 'DESC')
      .getMany();
  }

  /** Whether the latest general `be_scouted` decision of the user is a grant (none = no). */
  async isScoutable(userId: string): Promise<boolean> {
    const rows: { granted: boolean }[] = await this.dataSource.query(
      `SELECT granted FROM participant_consent_events
        WHERE user_id = $1 AND purpose = 'be_scouted' AND municipality_code IS NULL ORDER BY id DESC LIMIT 1`,
      [userId],
    );
    return rows[0]?.granted === true;
  }

  /**
   * Profiles whose latest general `be_scouted` decision is a grant and that touch the filter (a
   * prefecture of interest, hometown or residence in `prefectureCodes`, a shared skill or interest);
   * most recently updated first, at most `limit`.
   */
  findScoutableProfiles(filter: { prefectureCodes: string[]; skills: string[]; categories: string[] }, limit: number): Promise<ParticipantProfileEntity[]> {
    return this.dataSource
      .getRepository(ParticipantProfileEntity)
      .createQueryBuilder('p')
      .where(
        `(p.interest_region_codes && :prefs::text[] OR left(p.hometown_municipality_code, 2) = ANY(:prefs::text[])
          OR left(p.residence_municipality_code, 2) = ANY(:prefs::text[]) OR p.skills && :skills::text[] OR p.interests && :cats::text[])`,
        { prefs: filter.prefectureCodes, skills: filter.skills, cats: filter.categories },
      )
      .andWhere(
        `(SELECT c.granted FROM participant_consent_events c WHERE c.user_id = p.user_id AND c.purpose = 'be_scouted'
           AND c.municipality_code IS NULL ORDER BY c.id DESC LIMIT 1) IS TRUE`,
      )
      .orderBy('p.updated_at', 'DESC')
      .limit(limit)
      .getMany();
  }

  /**
   * Users whose latest general `receive_digest` decision is a grant and who have a profile, in
   * user id order after `afterUserId` (keyset paging), at most `limit`.
   */
  async findDigestConsentingUserIds(afterUserId: string | null, limit: number): Promise<string[]> {
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT x.user_id FROM (
         SELECT DISTINCT ON (c.user_id) c.user_id, c.granted FROM participant_consent_events c
          WHERE c.purpose = 'receive_digest' AND c.municipality_code IS NULL AND ($1::uuid IS NULL OR c.user_id > $1::uuid)
          ORDER BY c.user_id, c.id DESC) x
        WHERE x.granted AND EXISTS (SELECT 1 FROM participant_profiles p WHERE p.user_id = x.user_id)
        ORDER BY x.user_id LIMIT $2`,
      [afterUserId, limit],
    );
    return rows.map((r) => r.user_id);
  }

  /** Of the given users, those whose latest general `receive_digest` decision is a grant (one query). */
  async filterDigestConsenting(userIds: readonly string[]): Promise<string[]> {
    if (userIds.length === 0) return [];
    const rows: { user_id: string }[] = await this.dataSource.query(
      `SELECT x.user_id FROM (
         SELECT DISTINCT ON (c.user_id) c.user_id, c.granted FROM participant_consent_events c
          WHERE c.purpose = 'receive_digest' AND c.municipality_code IS NULL AND c.user_id = ANY($1::uuid[])
          ORDER BY c.user_id, c.id DESC) x
        WHERE x.granted`,
      [[...userIds]],
    );
    const granted = new Set(rows.map((r) => r.user_id));
    return userIds.filter((id) => granted.has(id));
  }

  /** Profiles of the given users (absent ones are left out), one query. */
  findProfiles(userIds: readonly string[]): Promise<ParticipantProfileEntity[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ParticipantProfileEntity).createQueryBuilder('p').where('p.user_id = ANY(:ids::uuid[])', { ids: [...userIds] }).getMany();
  }

  /** Account deletion: the profile and the consent history go. */
  async erasePersonalData(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(ParticipantProfileEntity).delete({ userId });
    await manager.getRepository(ConsentEventEntity).delete({ userId });
  }

  countConsentEvents(userId: string): Promise<number> {
    return this.dataSource.getRepository(ConsentEventEntity).countBy({ userId });
  }
}
