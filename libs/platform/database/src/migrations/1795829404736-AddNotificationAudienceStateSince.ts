import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications' applicant read model learns since when each application is in its state (the
 * source event's time), so staff can be reminded of applications left unanswered, and an older
 * replayed event no longer overwrites a newer state.
 */
export class AddNotificationAudienceStateSince1795829404736 implements MigrationInterface {
  name = 'AddNotificationAudienceStateSince1795829404736';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_project_audience ADD COLUMN state_since timestamptz`);
    await q.query(`UPDATE notification_project_audience SET state_since = updated_at`);
    await q.query(`ALTER TABLE notification_project_audience ALTER COLUMN state_since SET NOT NULL, ALTER COLUMN state_since SET DEFAULT now()`);
    await q.query(
      `CREATE INDEX idx_notification_project_audience_unanswered ON notification_project_audience (state_since, project_id) WHERE application_state = 'applied'`,
    );
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_notification_project_audience_unanswered');
    await q.query('ALTER TABLE notification_project_audience DROP COLUMN state_since');
  }
}
