import { ratio, toCsv } from './csv';

describe('toCsv', () => {
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

  it('neutralises spreadsheet formulas', () => {
    expect(toCsv(['a'], [['=HYPERLINK("x")']])).toBe(`a\r\n"'=HYPERLINK(""x"")"\r\n`);
    expect(toCsv(['a'], [[-3]])).toBe('a\r\n-3\r\n');
  });
});

describe('ratio', () => {
  it('rounds to 4 decimals and is null without a denominator', () => {
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(0, 0)).toBeNull();
  });
});
