import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AchievementEntity } from '@app/achievements';
import { BrokerAgencySettingsEntity, DealEntity, PriceNoticeStatus } from '@app/brokerage';
import { DEFAULT_PLATFORM_SETTINGS, JobName, JobQueue, JOB_QUEUE, PlatformSettingsEntity } from '@app/core';
import { pickFreePort } from '@app/dev-services';
import { startTestApi, TestApi } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually } from '../../../apps/api/test/support/marketplace-actors';
import { buildWorld, introducedDeal, MOVE, ok } from './brokerage-world';

const ROOT = join(__dirname, '../../..');

/** Runs the child to its SIGKILL; returns what it printed and how it ended. */
function publishThenDie(
  dealId: string,
  userId: string,
  env: NodeJS.ProcessEnv,
): Promise<{ out: string; err: string; signal: NodeJS.Signals | null }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', join(__dirname, 'support/publish-then-die.ts'), dealId, userId],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (_code, signal) => resolve({ out, err, signal })));
}

/**
 * Drill: the process that committed a price notice dies (SIGKILL) before its end job reached Redis. The job intent
 * committed with the notice; the worker's relay enqueues it and the notice ends — nothing is lost.
 */
describe('SIGKILL between commit and enqueue', () => {
  let api: TestApi;
  let worker: INestApplicationContext | undefined;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
  });
  afterAll(async () => {
    await api?.app.get(DataSource).getRepository(PlatformSettingsEntity).delete({ id: 1 });
    await worker?.close();
    await api?.close();
  });

  it('still runs the job', async () => {
    const world = await buildWorld(api, 'killed', 1);
    const broker = world.brokers[0];
    await dataSource.getRepository(AchievementEntity).update({ id: world.achievement.id }, { institutionOwned: true });
    await dataSource
      .getRepository(BrokerAgencySettingsEntity)
      .upsert({ agencyId: world.agencyA.id, priceNoticePeriodSeconds: 1 }, ['agencyId']);
    // A one-second notice: the bureau's minimum (15 days by default) is lowered for this drill (restored after).
    await api.app
      .get(DataSource)
      .getRepository(PlatformSettingsEntity)
      .upsert({ id: 1, ...DEFAULT_PLATFORM_SETTINGS, minPriceNoticeSeconds: 1 }, ['id']);
    const { dealId } = await introducedDeal(api, world);
    await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, broker);
    await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, broker);

    // The child's Redis is a port nobody listens on: its relay after the commit cannot enqueue, within the bound.
    const deadRedis = `redis://127.0.0.1:${await pickFreePort()}`;
    const child = await publishThenDie(dealId, world.tto.userId, {
      ...process.env,
      REDIS_URL: deadRedis,
      REDIS_COMMAND_TIMEOUT_MS: '500',
    });
    expect(child.signal).toBe('SIGKILL');
    const printed = JSON.parse(child.out.trim().split('\n').at(-1)!) as { committed: boolean; answeredInMs: number };
    expect(printed.committed).toBe(true);

    const jobId = `deal-price-notice-end-${dealId}-1`;
    const [intent] = await dataSource.query<Array<{ relayed_at: Date | null; attempts: number }>>(
      'SELECT relayed_at, attempts FROM job_intents WHERE job_id = $1',
      [jobId],
    );
    expect(intent).toMatchObject({ relayed_at: null });
    const queue = api.app.get(JobQueue).queue(JOB_QUEUE[JobName.EndDealPriceNotice]);
    expect(await queue.getJob(jobId)).toBeUndefined();
    const open = await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId });
    expect(open.priceNoticeStatus).toBe(PriceNoticeStatus.OPEN);

    // The worker starts (as after a crash): its relay enqueues the intent and the notice ends.
    const saved = process.env.JOB_INTENT_RELAY_INTERVAL_MS;
    process.env.JOB_INTENT_RELAY_INTERVAL_MS = '200';
    try {
      worker = await createWorkerApp();
    } finally {
      process.env.JOB_INTENT_RELAY_INTERVAL_MS = saved;
    }
    const ended = await eventually(async () => {
      const deal = await dataSource.getRepository(DealEntity).findOneByOrFail({ id: dealId });
      return deal.priceNoticeStatus === PriceNoticeStatus.ENDED ? deal : undefined;
    }, 60_000);
    expect(ended.priceNoticeRound).toBe(1);
    const job = await queue.getJob(jobId);
    const runs = job ? job.attemptsMade : 0;
    console.log(
      `drill SIGKILL after commit: in flight 1 job (price-notice end), mutation answered in ${printed.answeredInMs} ms ` +
        `with Redis unreachable; lost 0 (relayed by the worker), runs ${runs}, repeated 0`,
    );
  });
});
