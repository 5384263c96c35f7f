import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import { renderNotification } from '../domain/templates';
import { NotificationsErrorCode } from '../notifications.errors';
import { InboxRepository } from '../persistence/inbox.repository';
import { PreferencesRepository } from '../persistence/preferences.repository';

export interface InboxItemView {
  id: string;
  eventType: string;
  subject: string;
  body: string;
  params: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItemView[];
  nextCursor: string | null;
}

/** The cursor carries the last item's notification id (the inbox is ordered by it). */
const encodeCursor = (notificationId: string) => Buffer.from(`n:${notificationId}`).toString('base64url');
function decodeCursor(cursor: string): string {
  const raw = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^n:(\d{1,18})$/.exec(raw);
  if (!m) throw new AppError(NotificationsErrorCode.INVALID_NOTIFICATION_CURSOR);
  return m[1];
}

/** The in-app inbox of the signed-in person, rendered in their language. */
@Injectable()
export class InboxService {
  constructor(
    private readonly inbox: InboxRepository,
    private readonly preferences: PreferencesRepository,
  ) {}

  async list(userId: string, opts: { cursor?: string; limit: number; unreadOnly?: boolean }): Promise<InboxPage> {
    const before = opts.cursor ? decodeCursor(opts.cursor) : undefined;
    const [rows, prefs] = await Promise.all([
      this.inbox.listForRecipient(userId, opts.limit + 1, before, opts.unreadOnly ?? false),
      this.preferences.findForUser(userId),
    ]);
    const page = rows.slice(0, opts.limit);
    return {
      items: page.map((r) => {
        const text = renderNotification(r.eventType, r.params, prefs.language);
        return {
          id: r.id,
          eventType: r.eventType,
          subject: text.subject,
          body: text.body,
          params: r.params,
          createdAt: r.createdAt.toISOString(),
          readAt: r.readAt ? r.readAt.toISOString() : null,
        };
      }),
      nextCursor: rows.length > opts.limit ? encodeCursor(page[page.length - 1].notificationId) : null,
    };
  }

  unreadCount(userId: string): Promise<number> {
    return this.inbox.countUnread(userId);
  }

  async markRead(userId: string, id: string): Promise<void> {
    // Someone else's item is a 404, never a 403.
    if (!/^\d{1,18}$/.test(id) || !(await this.inbox.markRead(userId, id))) {
      throw new AppError(NotificationsErrorCode.NOTIFICATION_NOT_FOUND, { id });
    }
  }

  markAllRead(userId: string): Promise<number> {
    return this.inbox.markAllRead(userId);
  }
}
