import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Meilisearch } from 'meilisearch';
import { ensureMeilisearch, pickFreePort, startMeilisearch, type ManagedMeilisearch } from './index';
import { isProcessAlive, makeTempDir } from './int-spec-support';

const CHINESE_DOCUMENT = { id: 1, title: '石墨烯锂电池快速充电技术成果转让' };
const ENGLISH_DOCUMENT = { id: 2, title: 'Soil moisture sensor for smart irrigation' };

async function searchIds(server: ManagedMeilisearch, query: string): Promise<unknown[]> {
  const client = new Meilisearch({ host: server.url, apiKey: server.masterKey });
  const { hits } = await client.index('achievements').search(query);
  return hits.map((hit) => hit.id);
}

describe('startMeilisearch', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTempDir('meili-spec');
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts a master key that starts with a dash (a generated base64url key does, one time in 64)', async () => {
    const server = await startMeilisearch({ dataDir: join(dir, 'dash-key'), masterKey: '-Rdash-leading-master-key' });
    try {
      const client = new Meilisearch({ host: server.url, apiKey: '-Rdash-leading-master-key' });
      expect((await client.getVersion()).pkgVersion).toMatch(/^1\.21\./);
    } finally {
      await server.stop();
    }
  });

  it('runs Meilisearch 1.21 behind its master key and keeps documents across a stop and a restart', async () => {
    const dataDir = join(dir, 'restart');
    const logFile = join(dir, 'restart.log');
    const port = await pickFreePort();

    const first = await startMeilisearch({ dataDir, port, logFile });
    try {
      expect(first.url).toBe(`http://127.0.0.1:${port}`);
      expect(first.masterKey.length).toBeGreaterThanOrEqual(16);
      const client = new Meilisearch({ host: first.url, apiKey: first.masterKey });
      expect((await client.getVersion()).pkgVersion).toMatch(/^1\.21\./);

      // The key reaches the server through its environment: `ps` (the command line) never shows it.
      const commandLine = await readFile(`/proc/${first.pid}/cmdline`, 'utf8');
      expect(commandLine).toContain('--db-path');
      expect(commandLine).not.toContain(first.masterKey);

      const withoutKey = await fetch(`${first.url}/indexes`);
      expect([401, 403]).toContain(withoutKey.status);
      const withWrongKey = await fetch(`${first.url}/indexes`, { headers: { Authorization: 'Bearer not-the-key' } });
      expect([401, 403]).toContain(withWrongKey.status);

      await client.createIndex('achievements', { primaryKey: 'id' }).waitTask();
      const indexing = await client.index('achievements').addDocuments([CHINESE_DOCUMENT, ENGLISH_DOCUMENT]).waitTask();
      expect(indexing.status).toBe('succeeded');
      expect(await searchIds(first, '充电')).toEqual([1]);
      expect(await searchIds(first, 'irrigation')).toEqual([2]);
    } finally {
      await first.stop();
    }
    expect(isProcessAlive(first.pid)).toBe(false);
    await expect(fetch(`${first.url}/health`)).rejects.toThrow();
    expect(await readFile(logFile, 'utf8')).toContain('127.0.0.1');

    const second = await startMeilisearch({ dataDir, port, masterKey: first.masterKey, logFile });
    try {
      expect(second.pid).not.toBe(first.pid);
      expect(second.url).toBe(first.url);
      const client = new Meilisearch({ host: second.url, apiKey: second.masterKey });
      expect(await client.index('achievements').getDocument(1)).toMatchObject(CHINESE_DOCUMENT);
      expect(await searchIds(second, '充电')).toEqual([1]);
    } finally {
      await second.stop();
    }
    expect(isProcessAlive(second.pid)).toBe(false);
  }, 60_000);

  it('reopens the database after the server was killed with SIGKILL', async () => {
    const dataDir = join(dir, 'crash');
    const crashed = await startMeilisearch({ dataDir });
    const client = new Meilisearch({ host: crashed.url, apiKey: crashed.masterKey });
    await client.index('achievements').addDocuments([CHINESE_DOCUMENT]).waitTask();

    crashed.kill();
    await crashed.stop(); // resolves once the killed process is gone
    expect(isProcessAlive(crashed.pid)).toBe(false);

    const restarted = await startMeilisearch({ dataDir, masterKey: crashed.masterKey });
    try {
      expect(await searchIds(restarted, '充电')).toEqual([1]);
    } finally {
      await restarted.stop();
    }
  }, 60_000);

  it('refuses a port that is already taken, naming it', async () => {
    const running = await startMeilisearch({ dataDir: join(dir, 'taken') });
    try {
      const port = Number(new URL(running.url).port);
      await expect(startMeilisearch({ dataDir: join(dir, 'other'), port })).rejects.toThrow(
        `Cannot start Meilisearch on port ${port}`,
      );
    } finally {
      await running.stop();
    }
  }, 60_000);

  it('fails with the end of the server output when Meilisearch exits during startup', async () => {
    const dataDir = join(dir, 'too-old');
    await mkdir(dataDir);
    await writeFile(join(dataDir, 'VERSION'), '0.30.0'); // a database from an incompatible Meilisearch
    const startup = startMeilisearch({ dataDir });
    await expect(startup).rejects.toThrow(
      /^Meilisearch exited \(code 1, signal -\) before available at .*Last output:\n/s,
    );
    await expect(startup).rejects.toThrow('Your database version (0.30.0) is incompatible');
  }, 60_000);
});

describe('ensureMeilisearch', () => {
  let dir: string;
  let running: ManagedMeilisearch;

  beforeAll(async () => {
    dir = await makeTempDir('meili-ensure-spec');
    running = await startMeilisearch({ dataDir: join(dir, 'db') });
  }, 60_000);

  afterAll(async () => {
    await running?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the server at url when it is healthy and accepts the key, without taking ownership of it', async () => {
    const service = await ensureMeilisearch({
      url: `${running.url}/`,
      masterKey: running.masterKey,
      dataDir: join(dir, 'unused'),
    });
    expect(service).toMatchObject({ url: running.url, masterKey: running.masterKey, startedByUs: false });
    await service.stop();
    expect(isProcessAlive(running.pid)).toBe(true);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });

  it('rejects a wrong key, a missing key and a dead url with messages that say what to fix', async () => {
    await expect(
      ensureMeilisearch({ url: running.url, masterKey: 'wrong-key-wrong-key', dataDir: dir }),
    ).rejects.toThrow('rejects MEILI_MASTER_KEY');
    await expect(ensureMeilisearch({ url: running.url, dataDir: dir })).rejects.toThrow('MEILI_MASTER_KEY must be set');
    const deadUrl = `http://127.0.0.1:${await pickFreePort()}`;
    await expect(ensureMeilisearch({ url: deadUrl, masterKey: running.masterKey, dataDir: dir })).rejects.toThrow(
      `Meilisearch at ${deadUrl} does not answer GET /health`,
    );
  });

  it('starts a server when no url is given', async () => {
    const service = await ensureMeilisearch({ dataDir: join(dir, 'started') });
    try {
      expect(service.startedByUs).toBe(true);
      const health = await fetch(`${service.url}/health`);
      expect(await health.json()).toEqual({ status: 'available' });
    } finally {
      await service.stop();
    }
    await expect(fetch(`${service.url}/health`)).rejects.toThrow();
  }, 60_000);
});
