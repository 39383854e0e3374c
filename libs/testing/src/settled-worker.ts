import { INestApplicationContext } from '@nestjs/common';
import { JobName, JobQueue, JOB_QUEUE } from '@app/core';

const BOOT_HEAL_JOB_PREFIX = 'heal-at-boot.';

/**
 * Waits until a freshly created worker's boot-time heal has finished and the rematch it may enqueue has run.
 * Tests that plant matches by hand call this first: a rematch of every open demand, still running, would replace
 * their planted matches with the engine's own.
 */
export async function settledWorker(worker: INestApplicationContext | JobQueue, timeoutMs = 50_000): Promise<void> {
  // A JobQueue of the same Redis and prefix serves for workers running in other processes.
  const jobs = worker instanceof JobQueue ? worker : worker.get(JobQueue);
  const healQueue = jobs.queue(JOB_QUEUE[JobName.HealSearchIndexes]);
  const matchingQueue = jobs.queue(JOB_QUEUE[JobName.RematchAll]);
  const deadline = Date.now() + timeoutMs;
  let last = '';
  const waitFor = async (what: string, done: () => Promise<boolean>): Promise<void> => {
    while (!(await done())) {
      if (Date.now() > deadline)
        throw new Error(`settledWorker: ${what} did not happen within ${timeoutMs} ms ${last}`.trim());
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  await waitFor('the boot-time heal', async () => {
    const finished = await healQueue.getJobs(['completed', 'failed'], 0, 200);
    return finished.some((job) => job.id?.startsWith(BOOT_HEAL_JOB_PREFIX));
  });
  await waitFor('the rematch after the heal', async () => {
    // The matching queue also holds the follow-indexed scheduler's next run (always one delayed or waiting job):
    // only the rematch and the matching jobs it enqueued count.
    const pending = (
      await matchingQueue.getJobs(['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'], 0, 1_000)
    ).filter((job) => job && job.name !== String(JobName.FollowIndexedChanges));
    last = `(matching queue: ${pending.length} jobs: ${[...new Set(pending.map((job) => job.name))].join(', ')})`;
    return pending.length === 0;
  });
}
