import { neutraliseCsvCell, toCsv, toExcelCsv, UTF8_BOM } from './csv';

describe('CSV', () => {
  it('quotes what needs quoting, leaves empty cells for nulls, ends lines with CRLF', () => {
    expect(
      toCsv(
        ['key', 'label', 'n'],
        [
          ['ai', '人工智能, 大模型', 3],
          ['x', 'say "hi"', null],
        ],
      ),
    ).toBe('key,label,n\r\nai,"人工智能, 大模型",3\r\nx,"say ""hi""",\r\n');
  });

  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1+1', `'+1+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['a=1', 'a=1'],
    ['电池 = battery', '电池 = battery'],
  ])('neutralises %j as %j', (cell, safe) => expect(neutraliseCsvCell(cell)).toBe(safe));

  it('neutralises formulas inside whole files, quoting them where needed, and keeps numbers as numbers', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")']])).toBe(`a\r\n"'=HYPERLINK(""x"")"\r\n`);
    expect(toCsv(['a'], [['\r=cmd']])).toBe(`a\r\n"'\r=cmd"\r\n`);
    expect(toCsv(['a'], [[-3]])).toBe('a\r\n-3\r\n');
  });

  it('writes the UTF-8 BOM first for Excel, then the same cells', () => {
    const csv = toExcelCsv(['登记号', '金额'], [['=1', 12.5]]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.slice(1)).toBe(toCsv(['登记号', '金额'], [['=1', 12.5]]));
  });
});
