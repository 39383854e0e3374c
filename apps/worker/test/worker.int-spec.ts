import type IORedis from 'ioredis';
import { JobName, JobQueue, REDIS_CLIENT } from '@app/core';
import { createWorkerApp } from '../src/bootstrap';
import { HEARTBEAT_KEY } from '../src/heartbeat.job';

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
});
