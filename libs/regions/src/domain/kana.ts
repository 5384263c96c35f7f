/** Hiragana → katakana (ぁ-ゖ → ァ-ヶ), after NFKC so half-width kana become full-width. */
export function toKatakana(input: string): string {
  return input
    .normalize('NFKC')
    .replace(/[\u3041-\u3096]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0x60));
}

/** Normalizes a user's search text: NFKC, trimmed, hiragana folded to katakana. */
export function normalizeSearchText(input: string): string {
  return toKatakana(input).trim();
}
