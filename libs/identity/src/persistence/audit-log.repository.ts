import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from './audit-log.entity';

export interface AuditRow {
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  requestId: string | null;
  metadata: Record<string, unknown>;
}

/** Insert and read only: the table is append-only. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async append(rows: AuditRow[], manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).getRepository(AuditLogEntity).insert(rows as never);
  }

  findRecentByAction(action: string, limit = 100): Promise<AuditLogEntity[]> {
    return this.dataSource.manager
      .getRepository(AuditLogEntity)
      .find({ where: { action }, order: { id: 'DESC' }, take: limit });
  }
}
