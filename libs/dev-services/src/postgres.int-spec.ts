import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { ensureDatabaseExists, ensurePostgres, isTcpPortOpen, pickFreePort } from './index';
import { makeTempDir, pidsWithCommandLine } from './int-spec-support';

const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432';

async function queryOne<T>(databaseUrl: string, sql: string, params: unknown[] = []): Promise<T> {
  const client = new Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    const result = await client.query(sql, params);
    return result.rows[0] as T;
  } finally {
    await client.end();
  }
}

describe('ensurePostgres', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('postgres-spec');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  describe('with the PostgreSQL already running at 127.0.0.1:5432', () => {
    const database = `dev_services_spec_${process.pid}_${Date.now()}`;

    afterAll(async () => {
      await queryOne(`${MACHINE_POSTGRES}/postgres`, `DROP DATABASE IF EXISTS "${database}"`);
    });

    it('uses it, creates the missing database and does not stop it', async () => {
      expect(await isTcpPortOpen('127.0.0.1', 5432)).toBe(true); // precondition of this test
      const databaseUrl = `${MACHINE_POSTGRES}/${database}`;
      const dataDir = join(dir, 'unused');

      const service = await ensurePostgres({ databaseUrl, dataDir });
      expect(service).toMatchObject({ databaseUrl, startedByUs: false });
      expect(await queryOne(databaseUrl, 'SELECT current_database() AS name')).toEqual({ name: database });
      expect(await ensureDatabaseExists(databaseUrl)).toBe(false);

      await service.stop();
      expect(await queryOne(databaseUrl, 'SELECT 1 AS one')).toEqual({ one: 1 });
      expect(existsSync(dataDir)).toBe(false);
    });
  });

  it('starts the embedded PostgreSQL on a free port, keeps its data across restarts, and stops it', async () => {
    const port = await pickFreePort();
    const databaseUrl = `postgres://postgres@127.0.0.1:${port}/techtransfer_dev`;
    const dataDir = join(dir, 'embedded');
    const logFile = join(dir, 'embedded.log');

    const first = await ensurePostgres({ databaseUrl, dataDir, logFile });
    try {
      expect(first).toMatchObject({ databaseUrl, startedByUs: true });
      const { version } = await queryOne<{ version: string }>(databaseUrl, 'SELECT version()');
      expect(version).toMatch(/^PostgreSQL 15\./);
      expect(await queryOne(databaseUrl, 'SHOW server_encoding')).toEqual({ server_encoding: 'UTF8' });
      await queryOne(databaseUrl, 'CREATE TABLE marker (note text)');
      await queryOne(databaseUrl, 'INSERT INTO marker VALUES ($1)', ['技术成果']);
    } finally {
      await first.stop();
    }
    expect(await isTcpPortOpen('127.0.0.1', port)).toBe(false);
    expect(await pidsWithCommandLine(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);

    const second = await ensurePostgres({ databaseUrl, dataDir, logFile });
    try {
      expect(second.startedByUs).toBe(true);
      expect(await queryOne(databaseUrl, 'SELECT note FROM marker')).toEqual({ note: '技术成果' });
    } finally {
      await second.stop();
    }
    expect(await isTcpPortOpen('127.0.0.1', port)).toBe(false);
    expect(await pidsWithCommandLine(dataDir)).toEqual([]);
  }, 60_000);

  it('sets up password authentication when the URL has a password, and keeps it', async () => {
    const port = await pickFreePort();
    const databaseUrl = `postgres://app:s3cret%2Fpass@127.0.0.1:${port}/app`;
    const dataDir = join(dir, 'with-password');
    const service = await ensurePostgres({ databaseUrl, dataDir });
    try {
      expect(await queryOne(databaseUrl, 'SELECT current_user AS name')).toEqual({ name: 'app' });
      await expect(queryOne(`postgres://app:wrong@127.0.0.1:${port}/app`, 'SELECT 1')).rejects.toThrow(
        'password authentication failed',
      );
    } finally {
      await service.stop();
    }
    expect(await isTcpPortOpen('127.0.0.1', port)).toBe(false);

    // The cluster keeps its first credentials: a changed password is refused, and the server is not left running.
    const changedPassword = `postgres://app:another@127.0.0.1:${port}/app`;
    await expect(ensurePostgres({ databaseUrl: changedPassword, dataDir })).rejects.toThrow(
      'keeps the user and password it was first initialised with',
    );
    expect(await isTcpPortOpen('127.0.0.1', port)).toBe(false);
    expect(await pidsWithCommandLine(dataDir)).toEqual([]);
  }, 60_000);

  it('refuses a dataDir that holds something other than a PostgreSQL cluster', async () => {
    const dataDir = join(dir, 'not-a-cluster');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'notes.txt'), 'keep me');
    const port = await pickFreePort();
    await expect(ensurePostgres({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/app`, dataDir })).rejects.toThrow(
      'neither empty nor a PostgreSQL data directory',
    );
    expect(existsSync(join(dataDir, 'notes.txt'))).toBe(true);
  });

  it('does not start a server for an address that is not local', async () => {
    await expect(
      ensurePostgres({ databaseUrl: 'postgres://postgres@192.0.2.1:5432/app', dataDir: join(dir, 'remote') }),
    ).rejects.toThrow('Nothing answers at 192.0.2.1:5432');
    expect(existsSync(join(dir, 'remote'))).toBe(false);
  });
});
