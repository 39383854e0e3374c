// Lists what the development SMTP sink stored: newest first, recipient and subject; `-- --show <n>` prints the
// plain-text part of the n-th message (1 = newest), `-- --limit 50` shows more.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { simpleParser } from 'mailparser';

const dir = resolve(process.env.MAIL_DIR ?? join(__dirname, '..', '.data', 'mail'));

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
  let files: string[] = [];
  try {
    files = readdirSync(dir)
      .filter((file) => file.endsWith('.eml'))
      .sort()
      .reverse();
  } catch {
    console.log(`No mail yet (${dir} does not exist). Start the sink with npm start or npm run mail:sink.`);
    return;
  }
  const show = option('show');
  if (show) {
    const file = files[Number(show) - 1];
    if (!file) throw new Error(`There are ${files.length} messages`);
    const mail = await simpleParser(readFileSync(join(dir, file)));
    console.log(
      `File:    ${join(dir, file)}\nTo:      ${
        mail.to
          ? [mail.to]
              .flat()
              .map((a) => a.text)
              .join(', ')
          : ''
      }\nSubject: ${mail.subject}\n`,
    );
    console.log(mail.text ?? '');
    return;
  }
  const limit = Number(option('limit') ?? '20');
  console.log(`${files.length} message(s) in ${dir}`);
  for (const [index, file] of files.slice(0, limit).entries()) {
    const mail = await simpleParser(readFileSync(join(dir, file)));
    const to = mail.to
      ? [mail.to]
          .flat()
          .map((a) => a.text)
          .join(', ')
      : '';
    console.log(`${String(index + 1).padStart(4)}  ${mail.date?.toISOString() ?? '?'}  ${to}  ${mail.subject ?? ''}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
