import { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  messageId: string | undefined;
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
  raw: Buffer;
}

export interface SmtpSink {
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * A real SMTP server that accepts everything (no auth, no TLS) and hands each complete message to `onMessage`:
 * the development mail sink of the launcher and the receiving end of the tests. A message counts only once its
 * end-of-data dot arrived (a client that dies mid-DATA delivers nothing, as with any real server).
 */
export async function startSmtpSink(options: {
  port?: number;
  host?: string;
  onMessage: (mail: ReceivedMail) => void | Promise<void>;
}): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 10 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(new Error('Message too large'));
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then(async (parsed) => {
            await options.onMessage({
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              messageId: parsed.messageId,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              headers: parsed.headers,
              raw,
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://${options.host ?? '127.0.0.1'}:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
