import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { NotificationsConfig } from '../notifications.config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per delivery, so a resent message is recognisably the same one. */
  messageId: string;
  unsubscribeUrl: string;
}

/** A failure that retrying will not fix (the server refused the message or the address). */
export class PermanentDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentDeliveryError';
  }
}

/** SMTP through nodemailer, one pooled transport per process. */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private transport?: Transporter;

  constructor(private readonly config: NotificationsConfig) {}

  async send(mail: OutgoingEmail): Promise<void> {
    this.transport ??= createTransport(this.config.smtpUrl, { from: this.config.mailFrom });
    try {
      await this.transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: { 'X-Kakawari-Idempotency-Key': mail.messageId },
        list: { unsubscribe: { url: mail.unsubscribeUrl, comment: '配信停止 / Unsubscribe' } },
      });
    } catch (e) {
      // SMTP 5xx replies (bad address, rejected message) are permanent; 4xx and network errors are not.
      const code = (e as { responseCode?: number }).responseCode;
      if (typeof code === 'number' && code >= 500 && code < 600) {
        throw new PermanentDeliveryError(`SMTP ${code}: ${(e as Error).message}`);
      }
      throw e;
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
