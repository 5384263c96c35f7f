import { expandSynonyms, normalizeForSearch, parseSearchQuery, SynonymDictionary, termGrams, textGrams } from './search-grams';

describe('search grams', () => {
  it('normalizes with NFKC and lowercases ASCII only', () => {
    expect(normalizeForSearch('ＡＢＣ　ﾃｽﾄ Ünïcode')).toBe('abc テスト Ünïcode');
  });

  it('indexes 1- and 2-character grams of each whitespace-separated token', () => {
    expect(textGrams('有機農業 体験')).toEqual(['体', '体験', '有', '有機', '業', '機', '機農', '農', '農業', '験'].sort());
  });

  it('a term needs its bigrams; a 1-character term itself', () => {
    expect(termGrams('農業')).toEqual(['農業']);
    expect(termGrams('蕎麦打ち')).toEqual(['蕎麦', '麦打', '打ち']);
    expect(termGrams('麦')).toEqual(['麦']);
  });

  it('every term of a matching text has its grams in the text grams (substring ⇒ containment)', () => {
    const text = normalizeForSearch('十割蕎麦打ち体験と有機農業体験 in 長野');
    const grams = new Set(textGrams(text));
    for (const term of ['農業', '蕎麦', '蕎麦打ち', '体験', '長野', 'in', '割']) {
      expect(termGrams(normalizeForSearch(term)).every((g) => grams.has(g))).toBe(true);
    }
    // Containment alone can be a false positive (grams present, not adjacent): the SQL rechecks.
    expect(termGrams('農業体験と').every((g) => grams.has(g))).toBe(true);
    expect(text.includes('農業体験と')).toBe(false);
  });

  it('handles characters outside the BMP as single characters', () => {
    expect(textGrams('𠮷野家')).toEqual(['𠮷', '𠮷野', '家', '野', '野家'].sort());
  });

  it('parses whitespace-separated terms (AND), normalized and deduplicated', () => {
    expect(parseSearchQuery('  農業　ＤＸ 農業 ')).toEqual({ terms: ['農業', 'dx'], grams: ['農業', 'dx'] });
    expect(parseSearchQuery('   ')).toBeNull();
    expect(parseSearchQuery(undefined)).toBeNull();
  });

  it('expands a term by its synonym group, exact words only, normalized', () => {
    const dict = new SynonymDictionary([['農業', '農作業', '農家'], ['移住', '定住'], ['ＤＸ', 'デジタル化'], ['単独']]);
    expect(dict.synonymsOf('農家').sort()).toEqual(['農作業', '農業'].sort());
    expect(dict.synonymsOf('dx')).toEqual(['デジタル化']);
    expect(dict.synonymsOf('農')).toEqual([]);
    expect(dict.synonymsOf('単独')).toEqual([]);
    expect(expandSynonyms(parseSearchQuery('定住 相談'), dict)).toEqual({ terms: ['定住', '相談'], grams: ['定住', '相談'], synonyms: [['移住'], []] });
    const plain = parseSearchQuery('蕎麦');
    expect(expandSynonyms(plain, dict)).toBe(plain);
    expect(expandSynonyms(null, dict)).toBeNull();
    expect(expandSynonyms(parseSearchQuery('農家'), SynonymDictionary.EMPTY)).toEqual({ terms: ['農家'], grams: ['農家'] });
  });
});
