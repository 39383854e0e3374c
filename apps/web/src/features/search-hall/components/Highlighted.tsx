import { parseSnippet } from '../../../shared/lib/highlight';

/** A snippet from the API with its matches marked; the text is rendered as text, never as HTML. */
export function Highlighted({ snippet }: { snippet: string }) {
  return (
    <>{parseSnippet(snippet).map((part, index) => (part.match ? <mark key={index}>{part.text}</mark> : part.text))}</>
  );
}

/** The highlighted snippet of a field if the API sent one, else the plain value. */
export function pickHighlight(
  highlights: readonly { field: string; snippet: string }[],
  field: string,
  fallback: string,
): React.ReactNode {
  const found = highlights.find((highlight) => highlight.field === field);
  return found ? <Highlighted snippet={found.snippet} /> : fallback;
}
