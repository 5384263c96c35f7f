/** CSV for Excel's default Japanese import: BOM, CRLF, quoted cells, formula injection escaped. */
export type CsvCell = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  // A text cell Excel would evaluate (=, +, -, @, tab, CR) is neutralized with a leading quote.
  const text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(text) || text !== cell ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: CsvCell[][]): string {
  return `\uFEFF${rows.map((r) => r.map(escapeCell).join(',')).join('\r\n')}\r\n`;
}

/** Code points of `text` that CP932 (Windows-31J) cannot represent, as U+XXXX. */
export function cp932Unmappable(text: string, roundTrip: (ch: string) => string): string[] {
  const out: string[] = [];
  for (const ch of new Set(text)) {
    if (roundTrip(ch) !== ch) out.push(`U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return out;
}
