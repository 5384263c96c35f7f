import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '@app/platform/database';
import type { Family } from '../domain/metrics';
import type { Interval } from '../domain/intervals';
import type { LedgerEntry, LedgerKind, PersonProfile } from '../domain/person-history';
import type { DeltaRow } from '../domain/person-history';

/** One of `of` disjoint slices of the pending persons (by a hash of the person id), so that
 *  several appliers work side by side without competing for the same persons. */
export interface PendingShard {
  index: number;
  of: number;
}

export interface NewLedgerRow extends LedgerEntry {
  personId: string;
  basis: 'registration' | 'activity' | 'person';
  tier: 'basic' | 'premium' | null;
  sourceType: 'registration' | 'activity' | 'user';
  occurredAt: Date;
}

/** A person's stored profile and ledger rows, with the rows the counts do not include yet. */
export interface LoadedPerson {
  profile: PersonProfile | null;
  entries: LedgerEntry[];
  /** Per entry (same order): still waiting in relationship_pending, i.e. not in the counts yet. */
  pending: boolean[];
  /** Ledger ids of the pending entries (to release them once applied). */
  pendingIds: string[];
  /** The newest profile carried by a pending row, if any. */
  pendingProfile: PersonProfile | null;
}

/** One claimed batch of the asynchronous path: locked persons, their claimed rows and histories. */
export interface ClaimedPerson {
  personId: string;
  profile: PersonProfile;
  /** Entries the counts include (applied). */
  applied: LedgerEntry[];
  /** Entries claimed in this batch (to apply now). */
  claimed: LedgerEntry[];
  /** The newest profile carried by a claimed row, if any. */
  claimedProfile: PersonProfile | null;
}

export interface IntervalChange {
  personId: string;
  before: Record<Family, Map<string, Interval[]>>;
  after: Record<Family, Map<string, Interval[]>>;
}

interface LedgerDbRow {
  kind: LedgerKind;
  category: string | null;
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
  ...(r.category ? { category: r.category } : {}),
});

/** Identity of a ledger row (its unique source key, without the source type). */
export const ledgerKey = (e: { kind: string; sourceId: string; municipalityCode: string }) => `${e.kind}|${e.sourceId}|${e.municipalityCode}`;

const LEDGER_INSERT = `INSERT INTO relationship_ledger (person_id, kind, basis, tier, municipality_code, source_type, source_id,
         registration_id, effective_on, started_on, expires_on, occurred_at, category)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::date[], $10::date[], $11::date[], $12::timestamptz[], $13::text[])
       ON CONFLICT ON CONSTRAINT uq_relationship_ledger_source DO NOTHING
       RETURNING id`;

const ledgerParams = (rows: NewLedgerRow[]) => [
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
  rows.map((r) => r.category ?? null),
];

const LEDGER_COLUMNS = `l.id::text AS ledger_id, l.kind, l.category, l.source_id, l.registration_id, l.municipality_code,
         l.effective_on::text, l.started_on::text, l.expires_on::text`;

function flatIntervals(pairs: Record<Family, Map<string, Interval[]>>) {
  const out = new Map<string, { family: string; code: string; from: string; to: string | null }>();
  for (const [family, byMuni] of Object.entries(pairs)) {
    for (const [code, list] of byMuni) for (const i of list) out.set(`${family}|${code}|${i.from}`, { family, code, from: i.from, to: i.to });
  }
  return out;
}

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

  /** Inserts ledger rows; rows already recorded (same source, kind, municipality) are skipped (I4). Returns the inserted rows' keys. */
  async appendEntries(m: EntityManager, rows: NewLedgerRow[]): Promise<Set<string>> {
    if (rows.length === 0) return new Set();
    const inserted: { k: string }[] = await m.query(
      `WITH ins AS (${LEDGER_INSERT.replace(/RETURNING id$/, 'RETURNING kind, source_id, municipality_code')})
       SELECT kind || '|' || source_id || '|' || municipality_code AS k FROM ins`,
      ledgerParams(rows),
    );
    return new Set(inserted.map((r) => r.k));
  }

  /**
   * The asynchronous path's whole write, one statement (atomic on its own, no explicit transaction):
   * the person (if new), the ledger rows (skipped when already recorded, I4) and one pending row per
   * newly recorded ledger row. No lock, no read of the person's history, no counter row touched.
   */
  async enqueueEntries(personId: string, profile: PersonProfile | null, rows: NewLedgerRow[]): Promise<number> {
    if (rows.length === 0) return 0;
    // A named prepared statement: planning this three-insert statement cost a third of its time.
    const inserted = await preparedQuery(
      this.dataSource.manager,
      'relationships.enqueue',
      `WITH person AS (
         INSERT INTO relationship_persons (person_id, residence_municipality_code, participant_type) VALUES ($14, $16, $17)
         ON CONFLICT (person_id) DO NOTHING
       ), led AS (${LEDGER_INSERT})
       INSERT INTO relationship_pending (person_id, ledger_id, has_profile, residence_municipality_code, participant_type)
       SELECT $14, id, $15, $16, $17 FROM led
       RETURNING ledger_id`,
      [...ledgerParams(rows), personId, profile !== null, profile?.residenceMunicipalityCode ?? null, profile?.participantType ?? null],
    );
    return inserted.length;
  }

  /**
   * Claims a batch of pending rows: the oldest `limit` rows of the persons whose lock is free right
   * now (never waits on a writer). Returns each claimed person with its applied history (rows neither
   * claimed nor still pending) and its claimed rows, read in one statement after the claim; rows of
   * the person left pending stay out of both. Caller holds the transaction; the person locks last
   * until it ends.
   */
  async claimPending(m: EntityManager, limit: number, shard: PendingShard = { index: 0, of: 1 }): Promise<ClaimedPerson[]> {
    const candidates: { ledger_id: string; person_id: string }[] =
      shard.of === 1
        ? await m.query('SELECT ledger_id::text, person_id::text FROM relationship_pending ORDER BY ledger_id LIMIT $1', [limit])
        : await m.query(
            `SELECT ledger_id::text, person_id::text FROM relationship_pending
              WHERE mod(abs(hashtext(person_id::text)), $2) = $3 ORDER BY ledger_id LIMIT $1`,
            [limit, shard.of, shard.index],
          );
    if (candidates.length === 0) return [];
    const locked: { person_id: string }[] = await m.query(
      'SELECT person_id FROM unnest($1::text[]) AS person_id WHERE pg_try_advisory_xact_lock(hashtext(person_id))',
      [[...new Set(candidates.map((c) => c.person_id))].sort()],
    );
    if (locked.length === 0) return [];
    const ids = locked.map((r) => r.person_id);
    const mine = new Set(ids);
    // Oldest first, so the newest profile carried by a claimed row wins. A row a synchronous writer
    // applied meanwhile is already gone (it held the person's lock): deleted rows are the claim.
    const claimedRows: { ledger_id: string; person_id: string; has_profile: boolean; residence_municipality_code: string | null; participant_type: string | null }[] =
      await m.query(
        `WITH claimed AS (DELETE FROM relationship_pending WHERE ledger_id = ANY($1::bigint[]) RETURNING *)
         SELECT ledger_id::text, person_id::text, has_profile, residence_municipality_code, participant_type FROM claimed ORDER BY ledger_id`,
        [candidates.filter((c) => mine.has(c.person_id)).map((c) => c.ledger_id)],
      );
    const claimedIds = new Set(claimedRows.map((r) => r.ledger_id));
    const claimedProfile = new Map<string, PersonProfile>();
    for (const r of claimedRows) {
      if (r.has_profile) claimedProfile.set(r.person_id, { residenceMunicipalityCode: r.residence_municipality_code, participantType: r.participant_type });
    }
    const rows: (Partial<LedgerDbRow> & { person_id: string; ledger_id: string | null; residence_municipality_code: string | null; participant_type: string | null; waiting: boolean })[] =
      await m.query(
        `SELECT p.person_id::text, p.residence_municipality_code, p.participant_type, ${LEDGER_COLUMNS}, (w.ledger_id IS NOT NULL) AS waiting
           FROM relationship_persons p
           LEFT JOIN relationship_ledger l ON l.person_id = p.person_id
           LEFT JOIN relationship_pending w ON w.ledger_id = l.id
          WHERE p.person_id = ANY($1::uuid[])
          ORDER BY p.person_id, l.id`,
        [ids],
      );
    const out = new Map<string, ClaimedPerson>();
    for (const r of rows) {
      let c = out.get(r.person_id);
      if (!c) {
        c = {
          personId: r.person_id,
          profile: { residenceMunicipalityCode: r.residence_municipality_code, participantType: r.participant_type },
          applied: [],
          claimed: [],
          claimedProfile: claimedProfile.get(r.person_id) ?? null,
        };
        out.set(r.person_id, c);
      }
      if (!r.kind || r.waiting) continue;
      (claimedIds.has(r.ledger_id!) ? c.claimed : c.applied).push(toEntry(r as LedgerDbRow));
    }
    return [...out.values()];
  }

  /** Updates the stored profiles of several persons (the profile their counts are derived with). */
  async saveProfiles(m: EntityManager, rows: { personId: string; profile: PersonProfile }[]): Promise<void> {
    if (rows.length === 0) return;
    await m.query(
      `UPDATE relationship_persons p SET residence_municipality_code = u.r, participant_type = u.t, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, r, t) WHERE p.person_id = u.id`,
      [rows.map((r) => r.personId), rows.map((r) => r.profile.residenceMunicipalityCode), rows.map((r) => r.profile.participantType)],
    );
  }

  /** Releases pending rows a synchronous writer applied itself. */
  async releasePending(m: EntityManager, ledgerIds: string[]): Promise<void> {
    if (ledgerIds.length === 0) return;
    await m.query('DELETE FROM relationship_pending WHERE ledger_id = ANY($1::bigint[])', [ledgerIds]);
  }

  async hasPending(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query('SELECT 1 FROM relationship_pending LIMIT 1');
    return rows.length > 0;
  }

  async pendingCount(): Promise<number> {
    const [{ n }]: { n: number }[] = await this.dataSource.query('SELECT count(*)::int AS n FROM relationship_pending');
    return n;
  }

  /** Oldest pending row's age in ms (0 when none): how far the asynchronous counts lag. */
  async pendingLagMs(): Promise<number> {
    const [{ ms }]: { ms: number | null }[] = await this.dataSource.query(
      `SELECT (extract(epoch FROM clock_timestamp() - min(enqueued_at)) * 1000)::int AS ms FROM relationship_pending`,
    );
    return ms ?? 0;
  }

  /** The person's stored profile (null when new) and ledger rows with their pending state, in one round trip. */
  async loadPerson(m: EntityManager, personId: string): Promise<LoadedPerson> {
    const rows: (Partial<LedgerDbRow> & {
      known: boolean;
      residence_municipality_code: string | null;
      participant_type: string | null;
      ledger_id: string | null;
      waiting: boolean;
      w_has_profile: boolean | null;
      w_residence: string | null;
      w_ptype: string | null;
    })[] = await m.query(
      `SELECT p.person_id IS NOT NULL AS known, p.residence_municipality_code, p.participant_type, ${LEDGER_COLUMNS},
              (w.ledger_id IS NOT NULL) AS waiting, w.has_profile AS w_has_profile, w.residence_municipality_code AS w_residence,
              w.participant_type AS w_ptype
         FROM (SELECT $1::uuid AS id) one
         LEFT JOIN relationship_persons p ON p.person_id = one.id
         LEFT JOIN relationship_ledger l ON l.person_id = one.id
         LEFT JOIN relationship_pending w ON w.ledger_id = l.id
        ORDER BY l.id`,
      [personId],
    );
    const first = rows[0];
    const withEntry = rows.filter((r) => r.kind);
    let pendingProfile: PersonProfile | null = null;
    for (const r of withEntry) if (r.waiting && r.w_has_profile) pendingProfile = { residenceMunicipalityCode: r.w_residence, participantType: r.w_ptype };
    return {
      profile: first?.known ? { residenceMunicipalityCode: first.residence_municipality_code, participantType: first.participant_type } : null,
      entries: withEntry.map((r) => toEntry(r as LedgerDbRow)),
      pending: withEntry.map((r) => r.waiting),
      pendingIds: withEntry.filter((r) => r.waiting).map((r) => r.ledger_id!),
      pendingProfile,
    };
  }

  async entriesOfPerson(m: EntityManager, personId: string): Promise<LedgerEntry[]> {
    const rows: LedgerDbRow[] = await m.query(
      `SELECT kind, category, source_id, registration_id, municipality_code, effective_on::text, started_on::text, expires_on::text
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
    await this.syncIntervalsOf(m, [{ personId, before, after }], deltas);
  }

  /** `syncIntervals` for many persons at once (the asynchronous path's set-based write). */
  async syncIntervalsOf(m: EntityManager, changes: IntervalChange[], deltas: DeltaRow[] = []): Promise<void> {
    const removed: { personId: string; family: string; code: string; from: string }[] = [];
    const upserts: { personId: string; family: string; code: string; from: string; to: string | null }[] = [];
    for (const c of changes) {
      const b = flatIntervals(c.before);
      const a = flatIntervals(c.after);
      for (const [k, v] of b) if (!a.has(k)) removed.push({ personId: c.personId, ...v });
      for (const [k, v] of a) if (!b.has(k) || b.get(k)!.to !== v.to) upserts.push({ personId: c.personId, ...v });
    }
    if (removed.length === 0 && upserts.length === 0 && deltas.length === 0) return;
    // One round trip: the day-deltas (appended) and the interval changes.
    await m.query(
      `WITH appended AS (
         INSERT INTO count_deltas (series, scope_type, scope_code, dim, day, delta)
         SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::date[], $15::int[])
       ), gone AS (
         DELETE FROM relationship_intervals t USING unnest($1::uuid[], $2::text[], $3::text[], $4::date[]) AS r(person_id, family, code, valid_from)
          WHERE t.person_id = r.person_id AND t.family = r.family AND t.municipality_code = r.code AND t.valid_from = r.valid_from
       )
       INSERT INTO relationship_intervals AS t (person_id, family, municipality_code, valid_from, valid_to)
       SELECT * FROM unnest($5::uuid[], $6::text[], $7::text[], $8::date[], $9::date[])
       ON CONFLICT ON CONSTRAINT pk_relationship_intervals DO UPDATE SET valid_to = EXCLUDED.valid_to`,
      [
        removed.map((r) => r.personId),
        removed.map((r) => r.family),
        removed.map((r) => r.code),
        removed.map((r) => r.from),
        upserts.map((r) => r.personId),
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

  /**
   * Verified activities of the given persons (a company's consenting employees) within [from, to],
   * by prefecture and by project category, plus the total: distinct persons and activities. The
   * residence municipality never counts (I5); nothing on or after a person's deletion day counts.
   * Reads the ledger of these persons only (person index), never the whole ledger.
   */
  async participationOf(personIds: string[], from: string, to: string): Promise<{ set: 'total' | 'prefecture' | 'category'; key: string; persons: number; activities: number }[]> {
    if (personIds.length === 0) return [];
    const rows: { g: number; pref: string | null; category: string | null; persons: number; activities: number }[] = await this.dataSource.query(
      `WITH acts AS (
         SELECT l.person_id, l.source_id, left(l.municipality_code, 2) AS pref, coalesce(l.category, '') AS category
           FROM relationship_ledger l JOIN relationship_persons p ON p.person_id = l.person_id
          WHERE l.person_id = ANY($1::uuid[]) AND l.kind = 'activity' AND l.effective_on BETWEEN $2::date AND $3::date
            AND l.municipality_code IS DISTINCT FROM p.residence_municipality_code
            AND NOT EXISTS (SELECT 1 FROM relationship_ledger e WHERE e.person_id = l.person_id AND e.kind = 'ended' AND e.effective_on <= l.effective_on)
       )
       SELECT GROUPING(pref, category)::int AS g, pref, category, count(DISTINCT person_id)::int AS persons, count(DISTINCT source_id)::int AS activities
         FROM acts GROUP BY GROUPING SETS ((), (pref), (category))`,
      [personIds, from, to],
    );
    return rows.map((r) =>
      r.g === 3
        ? { set: 'total' as const, key: '', persons: r.persons, activities: r.activities }
        : r.g === 1
          ? { set: 'prefecture' as const, key: r.pref!, persons: r.persons, activities: r.activities }
          : { set: 'category' as const, key: r.category!, persons: r.persons, activities: r.activities },
    );
  }

  /** Person ids in id order after `after`, for recount batches. */
  async personIdsAfter(after: string | null, limit: number, m?: EntityManager): Promise<string[]> {
    const rows: { person_id: string }[] = await (m ?? this.dataSource).query(
      `SELECT person_id FROM relationship_persons WHERE ($1::uuid IS NULL OR person_id > $1::uuid) ORDER BY person_id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.person_id);
  }

  /** Applied ledger rows and stored profile of many persons (recount). */
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
    // Applied rows only: rows still pending are not in the counts yet (the worker adds them).
    const rows: (LedgerDbRow & { person_id: string })[] = await q.query(
      `SELECT l.person_id, l.kind, l.category, l.source_id, l.registration_id, l.municipality_code, l.effective_on::text, l.started_on::text,
              l.expires_on::text
         FROM relationship_ledger l WHERE l.person_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM relationship_pending w WHERE w.ledger_id = l.id) ORDER BY l.id`,
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
