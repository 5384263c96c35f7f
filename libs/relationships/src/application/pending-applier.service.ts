import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { RelationshipsService } from './relationships.service';

const BATCH = Number(process.env.COUNTS_APPLY_BATCH ?? 2_000);
const INTERVAL_MS = Number(process.env.COUNTS_APPLY_INTERVAL_MS ?? 100);

/**
 * Worker-side: applies the ledger rows recorded asynchronously (verified activities) to the counts,
 * in batches, as a set-based rollup. Runs continuously; a crash loses nothing (pending rows stay
 * until a batch commits). Staleness = the age of the oldest pending row.
 */
@Injectable()
export class PendingApplierService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PendingApplierService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly relationships: RelationshipsService) {}

  onApplicationBootstrap(): void {
    if (process.env.COUNTS_APPLIER === 'off') return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.applyAll().then(() => undefined).finally(() => (this.running = undefined));
    }, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Applies batches until a batch comes back short; returns how many rows were applied. */
  async applyAll(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const r = await this.relationships.applyPending(BATCH);
        total += r.applied;
        if (r.persons === 0 || r.applied < BATCH) return total;
      }
    } catch (e) {
      this.logger.warn(`applying pending relationship rows failed, will retry: ${e instanceof Error ? e.message : String(e)}`);
      return total;
    }
  }
}
