import { Injectable } from '@nestjs/common';
import { IDEMPOTENCY_KEY_HEADER, isPermanentHttpStatus, signWebhook, WEBHOOK_EVENT_HEADER, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../domain/webhook-signature';
import { NotificationsConfig } from '../notifications.config';
import { PermanentDeliveryError } from './email.sender';

export interface OutgoingWebhook {
  url: string;
  secret: string;
  eventType: string;
  idempotencyKey: string;
  body: Record<string, unknown>;
}

/** POSTs a signed JSON body; 2xx is delivered, 4xx permanent, 5xx and timeouts retried. */
@Injectable()
export class WebhookSender {
  constructor(private readonly config: NotificationsConfig) {}

  async send(hook: OutgoingWebhook): Promise<void> {
    const body = JSON.stringify(hook.body);
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Kakawari-Webhook/1',
        [WEBHOOK_TIMESTAMP_HEADER]: String(timestamp),
        [WEBHOOK_SIGNATURE_HEADER]: signWebhook(hook.secret, timestamp, body),
        [WEBHOOK_EVENT_HEADER]: hook.eventType,
        [IDEMPOTENCY_KEY_HEADER]: hook.idempotencyKey,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(this.config.webhookTimeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 200 && res.status < 300) return;
    if (isPermanentHttpStatus(res.status)) throw new PermanentDeliveryError(`webhook answered HTTP ${res.status}`);
    throw new Error(`webhook answered HTTP ${res.status}`);
  }
}
