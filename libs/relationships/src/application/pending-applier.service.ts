import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import type { PendingShard } from '../persistence/ledger.repository';
import { RelationshipsService } from './relationships.service';

/**
 * Worker-side: applies the ledger rows recorded asynchronously (verified activities) to the counts,
 * in batches, as a set-based rollup. Runs continuously; a crash loses nothing (pending rows stay
 * until a batch commits). Staleness = the age of the oldest pending row.
 *
 * COUNTS_APPLY_CONCURRENCY appliers run side by side, each on its own slice of the persons: one
 * applier's statements compete for PostgreSQL's CPU with every writer's, and while writers run
 * flat out a single applier fell behind them (bench:counts).
 */
@Injectable()
export class PendingApplierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PendingApplierService.name);
  private readonly batch: number;
  private readonly intervalMs: number;
  private readonly shards: PendingShard[];
  private readonly enabled: boolean;
  private stopping = false;
  private loops: Promise<void>[] = [];
  private readonly sleepers = new Set<() => void>();
  /** Rows applied since start (the benchmark reads it). */
  applied = 0;

  constructor(
    private readonly relationships: RelationshipsService,
    config: ConfigService<Env, true>,
  ) {
    this.enabled = config.get('COUNTS_APPLIER', { infer: true }) !== 'off';
    this.batch = config.get('COUNTS_APPLY_BATCH', { infer: true });
    this.intervalMs = config.get('COUNTS_APPLY_INTERVAL_MS', { infer: true });
    const of = config.get('COUNTS_APPLY_CONCURRENCY', { infer: true });
    this.shards = Array.from({ length: of }, (_, index) => ({ index, of }));
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) return;
    this.loops = this.shards.map((shard) => this.run(shard));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    for (const wake of this.sleepers) wake();
    await Promise.all(this.loops);
  }

  /** Applies batches of one slice until a batch comes back short. */
  private async applyAll(shard: PendingShard): Promise<void> {
    try {
      while (!this.stopping) {
        const r = await this.relationships.applyPending(this.batch, shard);
        this.applied += r.applied;
        if (r.persons === 0 || r.applied < this.batch) break;
      }
    } catch (e) {
      this.logger.warn(`applying pending relationship rows failed, will retry: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async run(shard: PendingShard): Promise<void> {
    while (!this.stopping) {
      await this.applyAll(shard);
      if (this.stopping) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.sleepers.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, this.intervalMs);
        this.sleepers.add(wake);
      });
    }
  }
}
