import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications context: the logical notification (saved in the caller's transaction), one
 * delivery row per channel with its status, the in-app inbox, preferences and municipal webhooks.
 */
export class CreateNotifications1795824639745 implements MigrationInterface {
  name = 'CreateNotifications1795824639745';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE notifications (
        id bigserial NOT NULL,
        recipient_kind text NOT NULL,
        recipient_id uuid NOT NULL,
        event_type text NOT NULL,
        params jsonb NOT NULL DEFAULT '{}'::jsonb,
        dedupe_key text NOT NULL,
        urgency text NOT NULL DEFAULT 'normal',
        language text NOT NULL DEFAULT 'ja',
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        CONSTRAINT pk_notifications PRIMARY KEY (id),
        CONSTRAINT uq_notifications_dedupe UNIQUE (dedupe_key, recipient_id, event_type),
        CONSTRAINT chk_notifications_recipient_kind CHECK (recipient_kind IN ('user', 'organization')),
        CONSTRAINT chk_notifications_urgency CHECK (urgency IN ('normal', 'urgent')),
        CONSTRAINT chk_notifications_language CHECK (language IN ('ja', 'en'))
      )`);
    await q.query(`
      CREATE TABLE notification_deliveries (
        id bigserial NOT NULL,
        notification_id bigint NOT NULL,
        channel text NOT NULL,
        status text NOT NULL DEFAULT 'created',
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        not_before timestamptz NOT NULL DEFAULT clock_timestamp(),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        delivered_at timestamptz,
        CONSTRAINT pk_notification_deliveries PRIMARY KEY (id),
        CONSTRAINT fk_notification_deliveries_notification_id FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE,
        CONSTRAINT uq_notification_deliveries_notification_channel UNIQUE (notification_id, channel),
        CONSTRAINT chk_notification_deliveries_channel CHECK (channel IN ('in_app', 'email', 'webhook')),
        CONSTRAINT chk_notification_deliveries_status CHECK (status IN ('created', 'queued', 'sending', 'delivered', 'failed_retrying', 'permanent_failure', 'suppressed', 'digested')),
        CONSTRAINT chk_notification_deliveries_delivered_at CHECK ((status = 'delivered') = (delivered_at IS NOT NULL))
      )`);
    // The relay reads only rows still to enqueue; the sweeper only unfinished ones: keep both small.
    await q.query(`CREATE INDEX idx_notification_deliveries_created ON notification_deliveries (not_before, id) WHERE status = 'created'`);
    await q.query(
      `CREATE INDEX idx_notification_deliveries_unfinished ON notification_deliveries (updated_at) WHERE status IN ('queued', 'sending', 'failed_retrying')`,
    );
    await q.query(`CREATE INDEX idx_notification_deliveries_failed ON notification_deliveries (updated_at DESC, id DESC) WHERE status IN ('failed_retrying', 'permanent_failure')`);
    await q.query(`
      CREATE TABLE notification_inbox (
        id bigserial NOT NULL,
        notification_id bigint NOT NULL,
        recipient_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        read_at timestamptz,
        CONSTRAINT pk_notification_inbox PRIMARY KEY (id),
        CONSTRAINT fk_notification_inbox_notification_id FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE,
        CONSTRAINT uq_notification_inbox_notification_id UNIQUE (notification_id)
      )`);
    await q.query(`CREATE INDEX idx_notification_inbox_recipient ON notification_inbox (recipient_id, id DESC)`);
    await q.query(`CREATE INDEX idx_notification_inbox_unread ON notification_inbox (recipient_id) WHERE read_at IS NULL`);
    await q.query(`
      CREATE TABLE notification_preferences (
        user_id uuid NOT NULL,
        language text NOT NULL DEFAULT 'ja',
        channels jsonb NOT NULL DEFAULT '{}'::jsonb,
        quiet_hours_start smallint,
        quiet_hours_end smallint,
        email_unsubscribed_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notification_preferences PRIMARY KEY (user_id),
        CONSTRAINT chk_notification_preferences_language CHECK (language IN ('ja', 'en')),
        CONSTRAINT chk_notification_preferences_quiet_hours CHECK (
          (quiet_hours_start IS NULL) = (quiet_hours_end IS NULL)
          AND (quiet_hours_start IS NULL OR (quiet_hours_start BETWEEN 0 AND 23 AND quiet_hours_end BETWEEN 0 AND 23)))
      )`);
    await q.query(`
      CREATE TABLE notification_webhook_endpoints (
        organization_id uuid NOT NULL,
        url text NOT NULL,
        secret text NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_notification_webhook_endpoints PRIMARY KEY (organization_id),
        CONSTRAINT chk_notification_webhook_endpoints_url CHECK (url ~ '^https?://')
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE notification_webhook_endpoints');
    await q.query('DROP TABLE notification_preferences');
    await q.query('DROP TABLE notification_inbox');
    await q.query('DROP TABLE notification_deliveries');
    await q.query('DROP TABLE notifications');
  }
}
