import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

export interface StoredResponse {
  requestHash: string;
  status: number | null;
  body: unknown;
}

/** Idempotency-Key records of apply requests, per participant; they expire after 24 hours. */
@Injectable()
export class IdempotencyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A live (≤ 24 h) record, read outside any transaction (fast path for replays). */
  async findLive(participantId: string, key: string, m?: EntityManager): Promise<StoredResponse | null> {
    const rows: { request_hash: string; response_status: number | null; response_body: unknown }[] = await (
      m ?? this.dataSource.manager
    ).query(
      `SELECT request_hash, response_status, response_body FROM idempotency_keys
        WHERE participant_id = $1 AND key = $2 AND created_at > now() - interval '24 hours'`,
      [participantId, key],
    );
    const r = rows[0];
    return r ? { requestHash: r.request_hash, status: r.response_status, body: r.response_body } : null;
  }

  /**
   * Claims the key inside the caller's transaction. A concurrent duplicate blocks on the primary
   * key until this transaction ends, then finds the stored response (commit) or claims it (rollback).
   * An expired record (> 24 h) is taken over. Returns false when a live record already exists.
   */
  async claim(m: EntityManager, participantId: string, key: string, requestHash: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO idempotency_keys (participant_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (participant_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, response_status = NULL, response_body = NULL, created_at = now()
         WHERE idempotency_keys.created_at <= now() - interval '24 hours'
       RETURNING key`,
      [participantId, key, requestHash],
    );
    return rows.length === 1;
  }

  async saveResponse(m: EntityManager, participantId: string, key: string, status: number, body: unknown): Promise<void> {
    await m.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE participant_id = $1 AND key = $2`,
      [participantId, key, status, JSON.stringify(body)],
    );
  }

  /** Deletes expired records in small batches. */
  async purgeExpired(limit = 5_000): Promise<number> {
    // TypeORM returns [rows, affectedCount] for a top-level DELETE.
    const [, affected]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM idempotency_keys WHERE ctid IN (
         SELECT ctid FROM idempotency_keys WHERE created_at <= now() - interval '24 hours' LIMIT $1)`,
      [limit],
    );
    return affected;
  }
}
