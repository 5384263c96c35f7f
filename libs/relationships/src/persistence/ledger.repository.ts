import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Family } from '../domain/metrics';
import type { Interval } from '../domain/intervals';
import type { LedgerEntry, LedgerKind, PersonProfile } from '../domain/person-history';
import type { DeltaRow } from '../domain/person-history';

export interface NewLedgerRow extends LedgerEntry {
  personId: string;
  basis: 'registration' | 'activity' | 'person';
  tier: 'basic' | 'premium' | null;
  sourceType: 'registration' | 'activity' | 'user';
  occurredAt: Date;
}

interface LedgerDbRow {
  kind: LedgerKind;
  source_id: string;
  registration_id: string | null;
  municipality_code: string;
  effective_on: string;
  started_on: string | null;
  expires_on: string | null;
}

const toEntry = (r: LedgerDbRow): LedgerEntry => ({
  kind: r.kind,
  sourceId: r.source_id,
  registrationId: r.registration_id,
  municipalityCode: r.municipality_code,
  effectiveOn: r.effective_on,
  startedOn: r.started_on,
  expiresOn: r.expires_on,
});

/** The relationship ledger, persons and their derived intervals (all keyed by person). */
@Injectable()
export class LedgerRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Serializes writers of one person (not of everyone): the lock is per person id. */
  async lockPerson(m: EntityManager, personId: string): Promise<void> {
    await m.query('SELECT pg_advisory_xact_lock(hashtext($1))', [personId]);
  }

  async findPerson(m: EntityManager, personId: string): Promise<PersonProfile | null> {
    const rows: { residence_municipality_code: string | null; participant_type: string | null }[] = await m.query(
      'SELECT residence_municipality_code, participant_type FROM relationship_persons WHERE person_id = $1',
      [personId],
    );
    return rows[0] ? { residenceMunicipalityCode: rows[0].residence_municipality_code, participantType: rows[0].participant_type } : null;
  }

  async savePerson(m: EntityManager, personId: string, profile: PersonProfile): Promise<void> {
    await m.query(
      `INSERT INTO relationship_persons (person_id, residence_municipality_code, participant_type) VALUES ($1, $2, $3)
       ON CONFLICT (person_id) DO UPDATE SET residence_municipality_code = EXCLUDED.residence_municipality_code,
         participant_type = EXCLUDED.participant_type, updated_at = now()`,
      [personId, profile.residenceMunicipalityCode, profile.participantType],
    );
  }

  /** Inserts ledger rows; rows already recorded (same source, kind, municipality) are skipped (I4). */
  async appendEntries(m: EntityManager, rows: NewLedgerRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    const inserted: unknown[] = await m.query(
      `INSERT INTO relationship_ledger (person_id, kind, basis, tier, municipality_code, source_type, source_id,
         registration_id, effective_on, started_on, expires_on, occurred_at)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::date[], $10::date[], $11::date[], $12::timestamptz[])
       ON CONFLICT ON CONSTRAINT uq_relationship_ledger_source DO NOTHING
       RETURNING id`,
      [
        rows.map((r) => r.personId),
        rows.map((r) => r.kind),
        rows.map((r) => r.basis),
        rows.map((r) => r.tier),
        rows.map((r) => r.municipalityCode),
        rows.map((r) => r.sourceType),
        rows.map((r) => r.sourceId),
        rows.map((r) => r.registrationId),
        rows.map((r) => r.effectiveOn),
        rows.map((r) => r.startedOn),
        rows.map((r) => r.expiresOn),
        rows.map((r) => r.occurredAt.toISOString()),
      ],
    );
    return inserted.length;
  }

  /** The person's stored profile (null when new) and ledger rows, in one round trip. */
  async loadPerson(m: EntityManager, personId: string): Promise<{ profile: PersonProfile | null; entries: LedgerEntry[] }> {
    const rows: (Partial<LedgerDbRow> & { known: boolean; residence_municipality_code: string | null; participant_type: string | null })[] = await m.query(
      `SELECT p.person_id IS NOT NULL AS known, p.residence_municipality_code, p.participant_type,
              l.kind, l.source_id, l.registration_id, l.municipality_code, l.effective_on::text, l.started_on::text, l.expires_on::text
         FROM (SELECT $1::uuid AS id) one
         LEFT JOIN relationship_persons p ON p.person_id = one.id
         LEFT JOIN relationship_ledger l ON l.person_id = one.id
        ORDER BY l.id`,
      [personId],
    );
    const first = rows[0];
    return {
      profile: first?.known ? { residenceMunicipalityCode: first.residence_municipality_code, participantType: first.participant_type } : null,
      entries: rows.filter((r) => r.kind).map((r) => toEntry(r as LedgerDbRow)),
    };
  }

  async entriesOfPerson(m: EntityManager, personId: string): Promise<LedgerEntry[]> {
    const rows: LedgerDbRow[] = await m.query(
      `SELECT kind, source_id, registration_id, municipality_code, effective_on::text, started_on::text, expires_on::text
         FROM relationship_ledger WHERE person_id = $1 ORDER BY id`,
      [personId],
    );
    return rows.map(toEntry);
  }

  /** Replaces the person's stored intervals with the derived ones. */
  async replaceIntervals(m: EntityManager, personId: string, pairs: Record<Family, Map<string, Interval[]>>): Promise<void> {
    await m.query('DELETE FROM relationship_intervals WHERE person_id = $1', [personId]);
    const fam: string[] = [];
    const mun: string[] = [];
    const from: string[] = [];
    const to: (string | null)[] = [];
    for (const [family, byMuni] of Object.entries(pairs)) {
      for (const [code, list] of byMuni) {
        for (const i of list) {
          fam.push(family);
          mun.push(code);
          from.push(i.from);
          to.push(i.to);
        }
      }
    }
    if (fam.length === 0) return;
    await m.query(
      `INSERT INTO relationship_intervals (person_id, family, municipality_code, valid_from, valid_to)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::date[], $5::date[])`,
      [personId, fam, mun, from, to],
    );
  }

  /**
   * Applies the change between two derivations of a person's intervals (no read needed): removed
   * intervals are deleted, new or changed ones upserted, and the day-deltas appended, in one statement.
   */
  async syncIntervals(
    m: EntityManager,
    personId: string,
    before: Record<Family, Map<string, Interval[]>>,
    after: Record<Family, Map<string, Interval[]>>,
    deltas: DeltaRow[] = [],
  ): Promise<void> {
    const flat = (pairs: Record<Family, Map<string, Interval[]>>) => {
      const out = new Map<string, { family: string; code: string; from: string; to: string | null }>();
      for (const [family, byMuni] of Object.entries(pairs)) {
        for (const [code, list] of byMuni) for (const i of list) out.set(`${family}|${code}|${i.from}`, { family, code, from: i.from, to: i.to });
      }
      return out;
    };
    const b = flat(before);
    const a = flat(after);
    const removed = [...b.entries()].filter(([k]) => !a.has(k)).map(([, v]) => v);
    const upserts = [...a.entries()].filter(([k, v]) => !b.has(k) || b.get(k)!.to !== v.to).map(([, v]) => v);
    if (removed.length === 0 && upserts.length === 0 && deltas.length === 0) return;
    // One round trip: the day-deltas (appended) and the interval changes.
    await m.query(
      `WITH appended AS (
         INSERT INTO count_deltas (series, scope_type, scope_code, dim, day, delta)
         SELECT * FROM unnest($9::text[], $10::text[], $11::text[], $12::text[], $13::date[], $14::int[])
       ), gone AS (
         DELETE FROM relationship_intervals t USING unnest($2::text[], $3::text[], $4::date[]) AS r(family, code, valid_from)
          WHERE t.person_id = $1 AND t.family = r.family AND t.municipality_code = r.code AND t.valid_from = r.valid_from
       )
       INSERT INTO relationship_intervals AS t (person_id, family, municipality_code, valid_from, valid_to)
       SELECT $1, * FROM unnest($5::text[], $6::text[], $7::date[], $8::date[])
       ON CONFLICT ON CONSTRAINT pk_relationship_intervals DO UPDATE SET valid_to = EXCLUDED.valid_to`,
      [
        personId,
        removed.map((r) => r.family),
        removed.map((r) => r.code),
        removed.map((r) => r.from),
        upserts.map((r) => r.family),
        upserts.map((r) => r.code),
        upserts.map((r) => r.from),
        upserts.map((r) => r.to),
        deltas.map((r) => r.series),
        deltas.map((r) => r.scopeType),
        deltas.map((r) => r.scopeCode),
        deltas.map((r) => r.dim),
        deltas.map((r) => r.day),
        deltas.map((r) => r.delta),
      ],
    );
  }

  /** Appends signed day-deltas (inserts only: concurrent writers never touch the same row). */
  async appendDeltas(m: EntityManager, rows: DeltaRow[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `INSERT INTO count_deltas (series, scope_type, scope_code, dim, day, delta)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::date[], $6::int[])`,
      [
        rows.map((r) => r.series),
        rows.map((r) => r.scopeType),
        rows.map((r) => r.scopeCode),
        rows.map((r) => r.dim),
        rows.map((r) => r.day),
        rows.map((r) => r.delta),
      ],
    );
  }

  /**
   * Persons related (any basis) to both municipalities on `day`, from the per-person intervals
   * (two index range reads, never the ledger).
   */
  async countOverlap(a: string, b: string, day: string): Promise<{ a: number; b: number; both: number }> {
    const [row]: { a: number; b: number; both: number }[] = await this.dataSource.query(
      `WITH active AS (
         SELECT DISTINCT person_id, municipality_code FROM relationship_intervals
          WHERE municipality_code = ANY($1::text[]) AND family = 'all' AND valid_from <= $2::date AND (valid_to IS NULL OR valid_to > $2::date)
       ), per AS (
         SELECT person_id, bool_or(municipality_code = $3) AS in_a, bool_or(municipality_code = $4) AS in_b FROM active GROUP BY person_id
       )
       SELECT count(*) FILTER (WHERE in_a)::int AS a, count(*) FILTER (WHERE in_b)::int AS b, count(*) FILTER (WHERE in_a AND in_b)::int AS both FROM per`,
      [[a, b], day, a, b],
    );
    return row;
  }

  /** Person ids in id order after `after`, for recount batches. */
  async personIdsAfter(after: string | null, limit: number, m?: EntityManager): Promise<string[]> {
    const rows: { person_id: string }[] = await (m ?? this.dataSource).query(
      `SELECT person_id FROM relationship_persons WHERE ($1::uuid IS NULL OR person_id > $1::uuid) ORDER BY person_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.person_id);
  }

  /** Ledger rows and profile of many persons (recount). */
  async historiesOf(personIds: string[], m?: EntityManager): Promise<Map<string, { profile: PersonProfile; entries: LedgerEntry[] }>> {
    const q = m ?? this.dataSource;
    const out = new Map<string, { profile: PersonProfile; entries: LedgerEntry[] }>();
    const persons: { person_id: string; residence_municipality_code: string | null; participant_type: string | null }[] =
      await q.query(
        'SELECT person_id, residence_municipality_code, participant_type FROM relationship_persons WHERE person_id = ANY($1::uuid[])',
        [personIds],
      );
    for (const p of persons) {
      out.set(p.person_id, {
        profile: { residenceMunicipalityCode: p.residence_municipality_code, participantType: p.participant_type },
        entries: [],
      });
    }
    const rows: (LedgerDbRow & { person_id: string })[] = await q.query(
      `SELECT person_id, kind, source_id, registration_id, municipality_code, effective_on::text, started_on::text, expires_on::text
         FROM relationship_ledger WHERE person_id = ANY($1::uuid[]) ORDER BY id`,
      [personIds],
    );
    for (const r of rows) out.get(r.person_id)?.entries.push(toEntry(r));
    return out;
  }

  /** Stored intervals of many persons, as `person|family|municipality|from|to` strings (verify). */
  async intervalKeysOf(personIds: string[]): Promise<string[]> {
    const rows: { k: string }[] = await this.dataSource.query(
      `SELECT person_id::text || '|' || family || '|' || municipality_code || '|' || valid_from::text || '|' || coalesce(valid_to::text, '') AS k
         FROM relationship_intervals WHERE person_id = ANY($1::uuid[])`,
      [personIds],
    );
    return rows.map((r) => r.k);
  }
}
