/** A piece of a highlighted snippet: plain text or a match. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/**
 * The API's snippets are escaped text with `<mark>` around matches. Parse them into parts rendered as React
 * text, so no HTML from the index ever reaches the DOM.
 */
export function parseSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  const decode = (text: string) => text.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf('<mark>');
    if (open === -1) {
      parts.push({ text: decode(rest), match: false });
      break;
    }
    if (open > 0) parts.push({ text: decode(rest.slice(0, open)), match: false });
    const close = rest.indexOf('</mark>', open);
    const end = close === -1 ? rest.length : close;
    parts.push({ text: decode(rest.slice(open + 6, end)), match: true });
    rest = close === -1 ? '' : rest.slice(close + 7);
  }
  return parts.filter((part) => part.text.length > 0);
}
