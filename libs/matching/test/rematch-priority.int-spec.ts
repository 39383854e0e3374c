import { INestApplicationContext } from '@nestjs/common';
import { JobName, JobQueue, JOB_QUEUE } from '@app/core';
import { DemandsService } from '@app/demands';
import { AuthService, OrganisationKind } from '@app/identity';
import { settledWorker, startTestApi, TestApi, testAccounts } from '@app/testing';
import type { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { MatchingJobs, REMATCH_PRIORITY } from '../src/matching.jobs';

async function eventually<T>(probe: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A rematch enqueues every open demand; a demand published meanwhile must not wait behind that backlog (on a
 * large platform, minutes): the backlog is prioritized below fresh work, which BullMQ runs first.
 */
describe('a change followed during a rematch', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await createWorkerApp();
    dataSource = api.app.get(DataSource);
    await settledWorker(worker);
  }, 120_000);
  afterAll(async () => {
    await worker?.get(JobQueue).queue(JOB_QUEUE[JobName.MatchDemand]).resume();
    await worker?.close();
    await api?.close();
  });

  it('is matched before the rematch backlog', async () => {
    const { creator } = await testAccounts(api).selfServiceOrganisation(
      OrganisationKind.ENTERPRISE,
      '插队测试有限公司',
      {
        displayName: 'poster',
      },
    );
    const actor = await api.app.get(AuthService).loadActor(creator.userId);
    const [{ code: industry }] = await dataSource.query<Array<{ code: string }>>('SELECT code FROM industries LIMIT 1');
    const demands = api.app.get(DemandsService);
    const token = `prio${Date.now().toString(36)}`;
    const open = (title: string) =>
      demands.create(actor, {
        title,
        summary: `${title}: 锂电池 battery recycling`,
        industryCode: industry,
        deadline: new Date(Date.now() + 30 * 86400_000),
        publish: true,
      });
    const backlog = [];
    for (let i = 0; i < 12; i++) backlog.push(await open(`${token} backlog ${i}`));
    const followed = async () => {
      const [{ open: pending }] = await dataSource.query<Array<{ open: string }>>(
        'SELECT count(*) AS open FROM outbox_events WHERE followed_at IS NULL',
      );
      return Number(pending) === 0;
    };
    await eventually(followed, 'the backlog demands followed');

    const queue = worker.get(JobQueue).queue(JOB_QUEUE[JobName.MatchDemand]);
    await queue.pause();
    const matching = worker.get(MatchingJobs);
    await matching.rematchAll({});
    const rematchJobs = (await queue.getJobs(['prioritized'], 0, 10_000)).filter((job) =>
      job.id?.startsWith('rematch.'),
    );
    expect(rematchJobs.length).toBeGreaterThanOrEqual(backlog.length);
    expect(new Set(rematchJobs.map((job) => job.opts.priority))).toEqual(new Set([REMATCH_PRIORITY]));

    // Published after the rematch was enqueued; indexed by the drainer (not paused), then followed.
    const fresh = await open(`${token} fresh`);
    await eventually(async () => {
      const [row] = await dataSource.query<Array<{ done: boolean }>>(
        `SELECT bool_and(processed_at IS NOT NULL) AS done FROM outbox_events WHERE subject_id = $1`,
        [fresh.id],
      );
      return row?.done;
    }, 'the fresh demand indexed');
    await matching.followIndexedChanges({});
    const [freshJob] = (await queue.getJobs(['waiting'], 0, 100)).filter((job) => job.data.demandId === fresh.id);
    expect(freshJob).toBeDefined();

    await queue.resume();
    const finished = async (job: Job) => {
      const current = await queue.getJob(job.id!);
      return current && (await current.getState()) === 'completed' ? current : null;
    };
    const freshDone = await eventually(() => finished(freshJob), 'the fresh demand matched');
    const backlogDone = await Promise.all(
      rematchJobs.map((job) => eventually(() => finished(job), `rematch ${job.id}`, 120_000)),
    );
    const startedBefore = backlogDone.filter((job) => job.processedOn! < freshDone.processedOn!).length;
    console.log(
      `rematch priority: ${rematchJobs.length} backlog jobs, the fresh demand started after ${startedBefore} of them`,
    );
    // Two run at once: at most the one backlog job taken beside it may start first.
    expect(startedBefore).toBeLessThanOrEqual(1);
  }, 240_000);
});
