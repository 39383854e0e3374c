/** Markers Meilisearch puts around matches; they cannot occur in indexed text (control characters are stripped). */
export const HIGHLIGHT_PRE = '\u0002';
export const HIGHLIGHT_POST = '\u0003';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * A snippet safe to render as HTML: the indexed text is escaped, and only the match markers become <mark>.
 * Returns null when the field has no match.
 */
export function toHighlightHtml(formatted: unknown): string | null {
  const text = Array.isArray(formatted) ? formatted.filter((v) => typeof v === 'string').join(' · ') : formatted;
  if (typeof text !== 'string' || !text.includes(HIGHLIGHT_PRE)) return null;
  return (
    text
      // Chinese words split into pieces by the segmenter read better as one match.
      .replaceAll(HIGHLIGHT_POST + HIGHLIGHT_PRE, '')
      .replace(/[&<>"']/g, (character) => HTML_ESCAPES[character])
      .replaceAll(HIGHLIGHT_PRE, '<mark>')
      .replaceAll(HIGHLIGHT_POST, '</mark>')
  );
}

/** Indexed text loses control characters, so the markers stay unambiguous. */
export function stripControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** The public field name of a highlighted attribute: `title_zh` and `title_en` are both `title`. */
export function highlightFieldName(attribute: string): string {
  return attribute.replace(/_(zh|en)$/, '');
}
