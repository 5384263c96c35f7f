import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { withCustomRegions, type RegionIndex } from '../domain/metrics';
import { CustomRegionsRepository } from '../persistence/custom-regions.repository';
import { REGION_INDEX } from './counting-rules.provider';

/**
 * The region index the counting uses: the fixed regions (八地方区分, 広域地方計画区域) plus the
 * admin-defined 広域リージョン, reloaded when their version changes. Every transaction that
 * appends deltas calls `sync` first (one indexed read), so it derives with the regions that exist
 * when it commits (see CustomRegionsRepository.version for the locking).
 */
@Injectable()
export class RegionIndexRegistry {
  private version = -1;
  private index: RegionIndex;

  constructor(
    @Inject(REGION_INDEX) private readonly base: RegionIndex,
    private readonly repository: CustomRegionsRepository,
  ) {
    this.index = base;
  }

  async sync(m: EntityManager): Promise<RegionIndex> {
    const v = await this.repository.version(m);
    if (v !== this.version) {
      const customs = await this.repository.list(m);
      this.index = withCustomRegions(this.base, customs);
      this.version = v;
    }
    return this.index;
  }
}
