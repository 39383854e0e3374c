// Development mail sink: a real SMTP server on 127.0.0.1 that accepts every message and stores it as
// .data/mail/<time>-<n>.eml (read them with `npm run mail:list`, open any .eml in a mail client).
// Usage: npm run mail:sink [-- --port 1025 --dir .data/mail]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSmtpSink } from '@app/notifications';

export const DEFAULT_MAIL_DIR = resolve(__dirname, '..', '.data', 'mail');

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 && process.argv[index + 1] ? process.argv[index + 1] : fallback;
}

/** Starts the sink; the launcher calls this in-process, `npm run mail:sink` runs it alone. */
export async function startDevSmtpSink(options: { port?: number; dir?: string; quiet?: boolean } = {}) {
  const dir = options.dir ?? DEFAULT_MAIL_DIR;
  mkdirSync(dir, { recursive: true });
  let count = 0;
  const sink = await startSmtpSink({
    port: options.port ?? 1025,
    onMessage: (mail) => {
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(++count).padStart(6, '0')}.eml`;
      writeFileSync(join(dir, name), mail.raw);
      if (!options.quiet) console.log(`[mail] ${mail.to.join(', ')}: ${mail.subject}`);
    },
  });
  return { ...sink, dir };
}

if (require.main === module) {
  startDevSmtpSink({ port: Number(option('port', '1025')), dir: resolve(option('dir', DEFAULT_MAIL_DIR)) })
    .then((sink) => console.log(`SMTP sink on ${sink.url}, storing mail in ${sink.dir}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
