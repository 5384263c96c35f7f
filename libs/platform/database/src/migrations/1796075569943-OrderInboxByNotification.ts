import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the inbox lists newest first by notification (request order) instead of by inbox
 * row (delivery order, which a batch of deliveries does not keep). The index that served the list
 * follows the new order.
 */
export class OrderInboxByNotification1796075569943 implements MigrationInterface {
  name = 'OrderInboxByNotification1796075569943';

  public async up(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idx_notification_inbox_recipient_notification ON notification_inbox (recipient_id, notification_id DESC)');
    await q.query('DROP INDEX idx_notification_inbox_recipient');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('CREATE INDEX idx_notification_inbox_recipient ON notification_inbox (recipient_id, id DESC)');
    await q.query('DROP INDEX idx_notification_inbox_recipient_notification');
  }
}
