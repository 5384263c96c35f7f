import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** The search synonym groups (table `search_synonyms`, seeded by the CreateSearchSynonyms migration). */
@Injectable()
export class SearchSynonymsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Every group as its words, groups in name order. */
  async listGroups(): Promise<string[][]> {
    const rows: { group_name: string; words: string[] }[] = await this.dataSource.query(
      `SELECT group_name, array_agg(term ORDER BY term) AS words FROM search_synonyms GROUP BY group_name ORDER BY group_name`,
    );
    return rows.map((r) => r.words);
  }
}
