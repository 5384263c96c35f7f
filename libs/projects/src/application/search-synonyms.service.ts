import { Injectable } from '@nestjs/common';
import { SynonymDictionary } from '../domain/search-grams';
import { SearchSynonymsRepository } from '../persistence/search-synonyms.repository';

/**
 * The synonym dictionary of discovery search, read from the database once per process (on the
 * first search) and kept in memory: the words are data, changed by a migration, not by code.
 * A failed read is not cached, so the next search tries again.
 */
@Injectable()
export class SearchSynonymsService {
  private loading: Promise<SynonymDictionary> | null = null;

  constructor(private readonly repository: SearchSynonymsRepository) {}

  dictionary(): Promise<SynonymDictionary> {
    if (!this.loading) {
      this.loading = this.repository.listGroups().then(
        (groups) => new SynonymDictionary(groups),
        (e: unknown) => {
          this.loading = null;
          throw e;
        },
      );
    }
    return this.loading;
  }
}
