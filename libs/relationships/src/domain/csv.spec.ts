import * as iconv from 'iconv-lite';
import { cp932Unmappable, escapeCell, toCsv } from './csv';

describe('csv', () => {
  it('starts with a BOM and ends lines with CRLF', () => {
    const csv = toCsv([['コード', '値'], ['131016', 12]]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe('\uFEFFコード,値\r\n131016,12\r\n');
  });

  it('escapes cells that start like a formula', () => {
    for (const s of ['=1+1', '+81', '-2', '@SUM(A1)', '\tx', '\rx']) expect(escapeCell(s).startsWith(`"'`)).toBe(true);
    expect(escapeCell('千代田区')).toBe('千代田区');
    expect(escapeCell('a,"b"')).toBe('"a,""b"""');
    expect(escapeCell(-3)).toBe('-3'); // numbers are data, not formulas
  });

  it('reports characters CP932 lacks instead of dropping them', () => {
    const rt = (ch: string) => iconv.decode(iconv.encode(ch, 'cp932'), 'cp932');
    expect(cp932Unmappable('千代田区,髙島,①', rt)).toEqual([]);
    expect(cp932Unmappable('𠮷野町', rt)).toEqual(['U+20BB7']);
  });
});
