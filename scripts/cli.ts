/**
 * Operator commands (npm run cli -- <command> ...). Exit codes: 0 done (even when some lines were skipped),
 * 2 usage error (the usage text says why), 78 invalid configuration, 1 anything else.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { ConfigValidationError, DomainException, ErrorCode, loadConfig, PinoNestLogger } from '@app/core';
import { formatReport, ImportService } from '@app/catalog-import';
import { CliModule } from './cli/cli.module';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import <folder> [--organisation-set <name>] [--json]
      Imports achievements.jsonl, experts.jsonl and demands.jsonl from <folder> (the dataset format of
      shared/eval/README.md). Institutions and enterprises named in the lines become organisations of the set
      (default set name: the folder's name). Invalid lines are reported with their line number and skipped;
      re-running the same folder changes nothing. --json prints the report as JSON.
`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'import') throw new UsageError(`Unknown command "${command}"`);
  const { values, positionals } = parseCommandArgs(rest);
  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? 'import needs a folder' : `import takes one folder, got ${positionals.length}`,
    );
  }
  // Checked before booting, so a mistyped path fails fast (the service checks again for programmatic callers).
  if (!statSync(positionals[0], { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`${positionals[0]} is not a folder`);
  return withContext(async (app) => {
    const report = await app
      .get(ImportService)
      .importFolder(positionals[0], { organisationSet: values['organisation-set'] });
    process.stdout.write(`${values.json ? JSON.stringify(report) : formatReport(report)}\n`);
    return 0;
  });
}

function parseCommandArgs(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { 'organisation-set': { type: 'string' }, json: { type: 'boolean', default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function withContext(work: (app: INestApplicationContext) => Promise<number>): Promise<number> {
  const config = loadConfig();
  // Logs go to stderr, so stdout carries only the report (and stays parseable with --json).
  const app = await NestFactory.createApplicationContext(CliModule, {
    // Framework chatter is noise in a terminal: warnings and errors only, unless LOG_LEVEL asks for more.
    logger: new PinoNestLogger(
      pino({ name: 'cli', level: process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn' }, pino.destination(2)),
    ),
  });
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof UsageError || (error instanceof DomainException && error.code === ErrorCode.BAD_USER_INPUT)) {
      process.stderr.write(`Error: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    console.error(error);
    process.exit(1);
  });
