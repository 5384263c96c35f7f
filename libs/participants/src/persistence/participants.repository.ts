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
  latestConsents(userId: string, purpose?: ConsentPurpose): Promise<ConsentEventEntity[]> {
    const qb = this.dataSource
      .getRepository(ConsentEventEntity)
      .createQueryBuilder('c')
      .distinctOn(['c.purpose', 'c.municipality_code'])
      .where('c.user_id = :userId', { userId })
      .orderBy('c.purpose')
      .addOrderBy('c.municipality_code', 'ASC', 'NULLS FIRST')
      .addOrderBy('c.id', 'DESC');
    if (purpose) qb.andWhere('c.purpose = :purpose', { purpose });
    return qb.getMany();
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

  /** Account deletion: the profile and the consent history go. */
  async erasePersonalData(manager: EntityManager, userId: string): Promise<void> {
    await manager.getRepository(ParticipantProfileEntity).delete({ userId });
    await manager.getRepository(ConsentEventEntity).delete({ userId });
  }

  countConsentEvents(userId: string): Promise<number> {
    return this.dataSource.getRepository(ConsentEventEntity).countBy({ userId });
  }
}
