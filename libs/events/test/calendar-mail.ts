/** The calendar part of a raw email, decoded, unfolded. */
export function calendarOf(raw: Buffer): string | null {
  const text = raw.toString('utf8');
  const at = text.search(/Content-Type: text\/calendar/i);
  if (at < 0) return null;
  const headerEnd = text.indexOf('\r\n\r\n', at);
  const headers = text.slice(at, headerEnd);
  const encoded = text.slice(headerEnd + 4, text.indexOf('\r\n--', headerEnd));
  const body = /base64/i.test(headers)
    ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
    : /quoted-printable/i.test(headers)
      ? Buffer.from(
          encoded
            .replace(/=\r\n/g, '')
            .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8')
      : encoded;
  return body.replace(/\r\n[ \t]/g, '');
}
