import type IORedis from 'ioredis';
import { JobName, JobQueue, REDIS_CLIENT } from '@app/core';
import { createWorkerApp } from '../src/bootstrap';
import { createServer } from 'node:net';
import { HEARTBEAT_KEY } from '../src/heartbeat.job';

/** A port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function eventually<T>(probe: () => Promise<T | null | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('worker', () => {
  it('boots with a handler for every job and consumes jobs from the real queue', async () => {
    const worker = await createWorkerApp();
    try {
      const redis = worker.get<IORedis>(REDIS_CLIENT);
      await redis.del(HEARTBEAT_KEY);
      const requestedAt = new Date().toISOString();
      await worker.get(JobQueue).enqueue(JobName.Heartbeat, { requestedAt });
      const recorded = await eventually(async () => {
        const raw = await redis.get(HEARTBEAT_KEY);
        return raw ? (JSON.parse(raw) as { requestedAt: string; pid: number }) : null;
      });
      expect(recorded).toMatchObject({ requestedAt, pid: process.pid });
    } finally {
      await worker.close();
    }
  });

  it('serves its health and its metrics on WORKER_HEALTH_PORT, and nothing else there', async () => {
    const port = await freePort();
    process.env.WORKER_HEALTH_PORT = String(port);
    const worker = await createWorkerApp();
    try {
      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(metrics.status).toBe(200);
      const text = await metrics.text();
      expect(text).toMatch(/^tt_queue_jobs\{queue="[^"]+",state="waiting"\} \d+$/m);
      expect(text).toMatch(/^tt_outbox_lag_seconds\{consumer="matching"\} /m);
      expect(text).toContain('tt_matching_duration_seconds_count');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await worker.close();
      delete process.env.WORKER_HEALTH_PORT;
    }
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  });
});
