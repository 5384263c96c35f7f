/**
 * Japanese substring search without word segmentation: text is NFKC-normalized, ASCII-lowercased
 * and split on whitespace; each token yields its 1- and 2-character grams. A query term matches
 * candidates whose grams contain all of the term's grams (GIN `@>`), then a substring recheck
 * removes false positives (grams present but not adjacent). PostgreSQL computes the stored grams
 * with the same rules (projects_search_grams in the CreateProjects migration; an integration test
 * compares both).
 */
const WHITESPACE = /[ \t\n\r\f\v]+/;

export function normalizeForSearch(text: string): string {
  return text.normalize('NFKC').replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/** The grams PostgreSQL stores for a normalized text (sorted, distinct). */
export function textGrams(normalized: string): string[] {
  const grams = new Set<string>();
  for (const token of normalized.split(WHITESPACE)) {
    const chars = Array.from(token);
    for (let i = 0; i < chars.length; i++) {
      grams.add(chars[i]);
      if (i + 1 < chars.length) grams.add(chars[i] + chars[i + 1]);
    }
  }
  return [...grams].sort();
}

/** Grams a term must contain: its bigrams, or the character itself for a 1-character term. */
export function termGrams(term: string): string[] {
  const chars = Array.from(term);
  if (chars.length === 1) return [term];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i] + chars[i + 1]);
  return [...grams];
}

export interface SearchQuery {
  /** Normalized terms, each must occur as a substring (or, with `synonyms`, one of its synonyms must). */
  terms: string[];
  /** Union of the terms' grams, for the index. */
  grams: string[];
  /** Per term (same order): other spellings that also satisfy it (synonyms); absent or [] when none. */
  synonyms?: string[][];
}

/**
 * Groups of interchangeable search words (農業/農作業/農家, 移住/定住, …). The words are data (the
 * `search_synonyms` table); this class only normalizes them and answers lookups. A query term is
 * expanded only when it is exactly one of the words (after normalization), never by substring.
 */
export class SynonymDictionary {
  private readonly byTerm = new Map<string, string[]>();

  constructor(groups: Iterable<readonly string[]>) {
    for (const group of groups) {
      const words = [...new Set(group.map(normalizeForSearch).map((w) => w.trim()).filter((w) => w.length > 0 && !WHITESPACE.test(w)))];
      if (words.length < 2) continue;
      for (const w of words) {
        const known = this.byTerm.get(w) ?? [];
        this.byTerm.set(w, [...new Set([...known, ...words.filter((o) => o !== w)])]);
      }
    }
  }

  static readonly EMPTY = new SynonymDictionary([]);

  /** The other words of the term's group(s), or [] when it has none. */
  synonymsOf(term: string): string[] {
    return this.byTerm.get(term) ?? [];
  }

  get size(): number {
    return this.byTerm.size;
  }
}

/** The query with each term's synonyms attached (unchanged when no term has one). */
export function expandSynonyms(query: SearchQuery | null, dictionary: SynonymDictionary): SearchQuery | null {
  if (!query) return null;
  const synonyms = query.terms.map((t) => dictionary.synonymsOf(t));
  return synonyms.some((s) => s.length > 0) ? { ...query, synonyms } : query;
}

/** Parses free text (`q`): whitespace-separated terms, all required (AND). */
export function parseSearchQuery(q: string | undefined, maxTerms = 5): SearchQuery | null {
  if (!q) return null;
  const terms = [...new Set(normalizeForSearch(q).split(WHITESPACE).filter((t) => t.length > 0))].slice(0, maxTerms);
  if (terms.length === 0) return null;
  const grams = [...new Set(terms.flatMap(termGrams))];
  return { terms, grams };
}
