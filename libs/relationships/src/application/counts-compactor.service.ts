import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CountsRepository } from '../persistence/counts.repository';

const BATCH = 50_000;
const INTERVAL_MS = Number(process.env.COUNTS_FOLD_INTERVAL_MS ?? 1_000);

/**
 * Worker-side: folds appended day-deltas into daily and monthly sums so a read touches a bounded
 * number of rows. Reads stay exact before folding (they add the unfolded deltas).
 */
@Injectable()
export class CountsCompactorService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(CountsCompactorService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly counts: CountsRepository) {}

  onApplicationBootstrap(): void {
    if (process.env.COUNTS_COMPACTOR === 'off') return;
    this.timer = setInterval(() => {
      if (!this.running) this.running = this.foldAll().then(() => undefined).finally(() => (this.running = undefined));
    }, INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Folds until nothing is pending; returns how many deltas were folded. */
  async foldAll(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const n = await this.counts.fold(BATCH);
        total += n;
        if (n < BATCH) return total;
      }
    } catch (e) {
      this.logger.warn(`count compaction failed, will retry: ${e instanceof Error ? e.message : String(e)}`);
      return total;
    }
  }
}
