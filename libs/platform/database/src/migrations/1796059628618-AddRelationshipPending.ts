import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Counting engine, asynchronous path: a verified activity is recorded as its ledger rows plus one
 * `relationship_pending` row each (one insert statement, no per-person re-derivation in the writer's
 * transaction); the worker claims pending rows in batches, re-derives those persons and appends one
 * set-based rollup of their day-deltas. One index only (the ledger id, also the FIFO order): the
 * writer's cost stays close to a plain insert. The ledger also keeps the activity's project category
 * (breakdown by category).
 */
export class AddRelationshipPending1796059628618 implements MigrationInterface {
  name = 'AddRelationshipPending1796059628618';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE relationship_pending (
        ledger_id bigint NOT NULL,
        person_id uuid NOT NULL,
        has_profile boolean NOT NULL DEFAULT false,
        residence_municipality_code text,
        participant_type text,
        enqueued_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT pk_relationship_pending PRIMARY KEY (ledger_id)
      )`);
    await q.query('ALTER TABLE relationship_ledger ADD COLUMN category text');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE relationship_ledger DROP COLUMN category');
    await q.query('DROP TABLE relationship_pending');
  }
}
