import {
  HIGHLIGHT_POST,
  HIGHLIGHT_PRE,
  highlightFieldName,
  stripControlCharacters,
  toHighlightHtml,
} from './highlight';

describe('highlight snippets', () => {
  it('escapes the indexed text and turns only the markers into <mark>', () => {
    expect(toHighlightHtml(`<script>x</script> 基于${HIGHLIGHT_PRE}无人机${HIGHLIGHT_POST}的巡检`)).toBe(
      '&lt;script&gt;x&lt;/script&gt; 基于<mark>无人机</mark>的巡检',
    );
    expect(toHighlightHtml([`a`, `${HIGHLIGHT_PRE}AI${HIGHLIGHT_POST}`])).toBe('a · <mark>AI</mark>');
    expect(toHighlightHtml(`${HIGHLIGHT_PRE}无人${HIGHLIGHT_POST}${HIGHLIGHT_PRE}机${HIGHLIGHT_POST}巡检`)).toBe(
      '<mark>无人机</mark>巡检',
    );
  });

  it('returns null for fields without a match', () => {
    expect(toHighlightHtml('no match here')).toBeNull();
    expect(toHighlightHtml(undefined)).toBeNull();
  });

  it('strips control characters from indexed text but keeps newlines and tabs', () => {
    expect(stripControlCharacters(`a\u0002b\u0003c\n\td`)).toBe('abc\n\td');
    expect(highlightFieldName('summary_zh')).toBe('summary');
    expect(highlightFieldName('keywords')).toBe('keywords');
  });
});
