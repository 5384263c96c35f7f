import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AuditLogRepository } from '../persistence/audit-log.repository';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  metadata?: Record<string, unknown>;
  /** The HTTP request behind the event (`actor.requestId`); omitted for jobs and the CLI. */
  requestId?: string;
}

/**
 * Security-relevant events (logins, token reuse, role and membership changes, staff reads of
 * personal data, exports). Append-only; pass the use case's transaction manager so the audit row
 * commits or rolls back with the change it records.
 */
@Injectable()
export class AuditLogService {
  private readonly logger = new Logger(AuditLogService.name);

  constructor(private readonly repository: AuditLogRepository) {}

  async record(entry: AuditEntry, manager?: EntityManager): Promise<void> {
    await this.recordMany([entry], manager);
  }

  /** Several entries in one insert (e.g. one staff read of many participants' contact data). */
  async recordMany(entries: readonly AuditEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    await this.repository.append(
      entries.map((entry) => ({
        actorId: entry.actorId,
        action: entry.action,
        targetType: entry.targetType ?? null,
        targetId: entry.targetId ?? null,
        requestId: entry.requestId ?? null,
        metadata: entry.metadata ?? {},
      })),
      manager,
    );
    for (const entry of entries) {
      this.logger.log({ audit: entry.action, actorId: entry.actorId, targetId: entry.targetId, requestId: entry.requestId }, 'audit');
    }
  }
}

