import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the per-recipient rate cap counts a person's notifications of the last hour on
 * every request (and per batch in fan-outs). Without an index led by the recipient that count
 * read the whole table — each request cost grew with every notification ever stored.
 */
export class AddNotificationsRecipientIndex1796061757857 implements MigrationInterface {
  name = 'AddNotificationsRecipientIndex1796061757857';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idx_notifications_recipient_created ON notifications (recipient_id, created_at)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_notifications_recipient_created');
  }
}
