import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface ActivityRecord {
  id: string;
  applicationId: string;
  participantId: string;
  projectId: string;
  municipalityCodes: string[];
  verifiedAt: Date;
  verifiedBy: 'staff' | 'check_in_code';
}

interface Row {
  id: string;
  application_id: string;
  participant_id: string;
  project_id: string;
  municipality_codes: string[];
  verified_at: Date;
  verified_by: 'staff' | 'check_in_code';
}

const toRecord = (r: Row): ActivityRecord => ({
  id: r.id,
  applicationId: r.application_id,
  participantId: r.participant_id,
  projectId: r.project_id,
  municipalityCodes: r.municipality_codes,
  verifiedAt: r.verified_at,
  verifiedBy: r.verified_by,
});

/** Verified activities (担い手活動) and the daily check-in codes that can verify them. */
@Injectable()
export class ActivityRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One activity per application: a replay returns null and writes nothing. */
  async insertOnce(
    m: EntityManager,
    input: Omit<ActivityRecord, 'id' | 'verifiedAt'> & { verifierId: string | null },
  ): Promise<ActivityRecord | null> {
    const rows: Row[] = await m.query(
      `INSERT INTO activities (application_id, participant_id, project_id, municipality_codes, verified_by, verifier_id)
       VALUES ($1, $2, $3, $4::text[], $5, $6)
       ON CONFLICT (application_id) DO NOTHING
       RETURNING id, application_id, participant_id, project_id, municipality_codes, verified_at, verified_by`,
      [input.applicationId, input.participantId, input.projectId, input.municipalityCodes, input.verifiedBy, input.verifierId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByApplication(applicationId: string, m?: EntityManager): Promise<ActivityRecord | null> {
    const rows: Row[] = await (m ?? this.dataSource.manager).query(
      `SELECT id, application_id, participant_id, project_id, municipality_codes, verified_at, verified_by
         FROM activities WHERE application_id = $1`,
      [applicationId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Verified activities of a person with a municipality since a date (premium eligibility). */
  async countForParticipantAndMunicipality(participantId: string, municipalityCode: string, since: Date): Promise<number> {
    const rows: { n: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM activities
        WHERE participant_id = $1 AND $2 = ANY (municipality_codes) AND verified_at >= $3`,
      [participantId, municipalityCode, since],
    );
    return rows[0].n;
  }

  /** Issues (or replaces) the code of one project and day. */
  async upsertCheckInCode(
    m: EntityManager,
    input: { projectId: string; day: string; codeHash: string; issuedBy: string; expiresAt: Date },
  ): Promise<void> {
    await m.query(
      `INSERT INTO check_in_codes (project_id, day, code_hash, issued_by, expires_at) VALUES ($1, $2::date, $3, $4, $5)
       ON CONFLICT (project_id, day) DO UPDATE
         SET code_hash = EXCLUDED.code_hash, issued_by = EXCLUDED.issued_by, expires_at = EXCLUDED.expires_at, created_at = now()`,
      [input.projectId, input.day, input.codeHash, input.issuedBy, input.expiresAt],
    );
  }

  /** The code hash valid for `day` at `now`, if one was issued. */
  async findValidCheckInCode(projectId: string, day: string, now: Date): Promise<string | null> {
    const rows: { code_hash: string }[] = await this.dataSource.query(
      `SELECT code_hash FROM check_in_codes WHERE project_id = $1 AND day = $2::date AND expires_at > $3`,
      [projectId, day, now],
    );
    return rows[0]?.code_hash ?? null;
  }
}
