import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOutbox1795824403517 implements MigrationInterface {
  name = 'CreateOutbox1795824403517';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox_events (
        id bigserial NOT NULL,
        topic text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        CONSTRAINT pk_outbox_events PRIMARY KEY (id)
      )`);
    await q.query('CREATE UNIQUE INDEX uq_outbox_events_topic_dedupe_key ON outbox_events (topic, dedupe_key) WHERE dedupe_key IS NOT NULL');
    // The relay reads only unpublished rows: keep that index small.
    await q.query('CREATE INDEX idx_outbox_events_pending ON outbox_events (id) WHERE published_at IS NULL');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE outbox_events');
  }
}
