import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications' own read model of who applied to which project (fed by participation's outbox
 * events), so project changes, cancellations and reminders reach applicants without reading
 * participation's tables; and the link from a folded (digested) email to the digest that carried it.
 */
export class CreateNotificationAudience1795826715938 implements MigrationInterface {
  name = 'CreateNotificationAudience1795826715938';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notification_project_audience (
        project_id uuid NOT NULL,
        user_id uuid NOT NULL,
        application_state text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notification_project_audience PRIMARY KEY (project_id, user_id)
      )`);
    await q.query(`ALTER TABLE notification_deliveries ADD COLUMN digest_notification_id bigint`);
    await q.query(
      `CREATE INDEX idx_notification_deliveries_digest_pending ON notification_deliveries (notification_id) WHERE status = 'digested' AND digest_notification_id IS NULL`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_notification_deliveries_digest_pending');
    await q.query('ALTER TABLE notification_deliveries DROP COLUMN digest_notification_id');
    await q.query('DROP TABLE notification_project_audience');
  }
}
