import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface WebhookEndpoint {
  organizationId: string;
  url: string;
  secret: string;
  enabled: boolean;
}

@Injectable()
export class WebhookEndpointsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findForOrganization(organizationId: string, m?: EntityManager): Promise<WebhookEndpoint | null> {
    const rows = await (m ?? this.dataSource).query(
      `SELECT organization_id, url, secret, enabled FROM notification_webhook_endpoints WHERE organization_id = $1`,
      [organizationId],
    );
    const r = rows[0];
    return r ? { organizationId: r.organization_id, url: r.url, secret: r.secret, enabled: r.enabled } : null;
  }

  async upsert(e: WebhookEndpoint): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO notification_webhook_endpoints (organization_id, url, secret, enabled) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, enabled = EXCLUDED.enabled, updated_at = now()`,
      [e.organizationId, e.url, e.secret, e.enabled],
    );
  }
}
