import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { NotificationsRepository } from '../persistence/notifications.repository';

interface Waiter {
  deliveryId: string;
  resolve: (createdAt: Date | null) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 200;
const WINDOW_MS = 3;

/**
 * Group commit for in-app deliveries: jobs processed at the same moment share one SQL statement
 * (at most a few ms of extra latency). Each job still completes only after its own row is committed,
 * so BullMQ's at-least-once semantics and the inbox's uniqueness are unchanged.
 */
@Injectable()
export class InAppBatcher implements OnApplicationShutdown {
  private pending: Waiter[] = [];
  private timer?: NodeJS.Timeout;

  constructor(private readonly repository: NotificationsRepository) {}

  /** Resolves with the notification's creation time, or null when it had been delivered already. */
  deliver(deliveryId: string): Promise<Date | null> {
    return new Promise<Date | null>((resolve, reject) => {
      this.pending.push({ deliveryId, resolve, reject });
      if (this.pending.length >= MAX_BATCH) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), WINDOW_MS);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending.splice(0, this.pending.length);
    if (batch.length === 0) return;
    this.repository.deliverInAppMany(batch.map((w) => w.deliveryId)).then(
      (done) => batch.forEach((w) => w.resolve(done.get(w.deliveryId) ?? null)),
      (e: unknown) => batch.forEach((w) => w.reject(e)),
    );
  }

  onApplicationShutdown(): void {
    this.flush();
  }
}
