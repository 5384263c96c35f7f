import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { FurusatoRegistrationEntity } from './furusato-registration.entity';
import { ParticipantActivityEntity } from './participant-activity.entity';

export interface VerifiedActivityRow {
  activityId: string;
  participantId: string;
  municipalityCode: string;
  verifiedAt: Date;
}

/** Furusato registrations and the verified-activity read model; scoped to one user id. */
@Injectable()
export class RegistrationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Serializes one person's registration changes (cap and premium limit are per person). */
  async lockPerson(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('participants.registrations:' || $1, 0))`, [userId]);
  }

  activeRegistrations(userId: string, manager?: EntityManager): Promise<FurusatoRegistrationEntity[]> {
    return (manager ?? this.dataSource.manager)
      .getRepository(FurusatoRegistrationEntity)
      .createQueryBuilder('r')
      .where('r.user_id = :userId AND r.withdrawn_at IS NULL', { userId })
      .orderBy('r.registered_at', 'ASC')
      .getMany();
  }

  async insertRegistration(manager: EntityManager, userId: string, municipalityCode: string, at: Date): Promise<FurusatoRegistrationEntity> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(FurusatoRegistrationEntity)
      .values({ userId, municipalityCode, tier: 'basic', registeredAt: at })
      .returning('*')
      .execute();
    return manager.getRepository(FurusatoRegistrationEntity).create(result.generatedMaps[0] as FurusatoRegistrationEntity);
  }

  async markWithdrawn(manager: EntityManager, userId: string, municipalityCode: string, at: Date): Promise<FurusatoRegistrationEntity | null> {
    const result = await manager
      .createQueryBuilder()
      .update(FurusatoRegistrationEntity)
      .set({ withdrawnAt: at })
      .where('user_id = :userId AND municipality_code = :municipalityCode AND withdrawn_at IS NULL', { userId, municipalityCode })
      .returning('id')
      .execute();
    const rows = result.raw as { id: string }[];
    if (rows.length === 0) return null;
    return manager.getRepository(FurusatoRegistrationEntity).findOneBy({ id: rows[0].id });
  }

  async setPremium(manager: EntityManager, id: string, grantedAt: Date, expiresAt: Date): Promise<FurusatoRegistrationEntity> {
    await manager.getRepository(FurusatoRegistrationEntity).update({ id }, { tier: 'premium', premiumGrantedAt: grantedAt, premiumExpiresAt: expiresAt });
    return (await manager.getRepository(FurusatoRegistrationEntity).findOneBy({ id }))!;
  }

  countAll(userId: string): Promise<number> {
    return this.dataSource.getRepository(FurusatoRegistrationEntity).countBy({ userId });
  }

  /** Idempotent: the same (activity, municipality) is stored once. Returns rows inserted. */
  async recordActivities(rows: VerifiedActivityRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ParticipantActivityEntity)
      .values(rows)
      .orIgnore()
      .returning(['activityId'])
      .execute();
    return result.raw.length;
  }

  /** Verified activities per municipality for one person since `since`. */
  async activityCounts(userId: string, since: Date, manager?: EntityManager): Promise<Map<string, number>> {
    const rows: { municipality_code: string; n: number }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT municipality_code, count(*)::int AS n FROM participant_activity_log
        WHERE participant_id = $1 AND verified_at >= $2 GROUP BY municipality_code`,
      [userId, since],
    );
    return new Map(rows.map((r) => [r.municipality_code, r.n]));
  }

  countActivities(participantId: string): Promise<number> {
    return this.dataSource.getRepository(ParticipantActivityEntity).countBy({ participantId });
  }
}
