import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JobName, JobQueue, QueueName } from '@app/core';
import { NotificationEntity, NotificationKind, ReceivedMail, SmtpSink, startSmtpSink } from '@app/notifications';
import {
  FollowUpStatus,
  OutcomeFollowUpEntity,
  PROGRAMMES_SWEEP_SCHEDULER_ID,
  ProgrammeEmailEntity,
  ProgrammeEmailStatus,
  RewardApplicationEntity,
  RewardRuleVersionEntity,
} from '@app/programmes';
import { ControllableClock, startTestApi, TestApi, settledWorker } from '@app/testing';
import { createWorkerApp } from '../../../apps/worker/src/bootstrap';
import { eventually } from '../../../apps/api/test/support/marketplace-actors';
import { buildProgrammesWorld, failure, ok, ProgrammesWorld, registeredDeal, signInAgain } from './programmes-world';

const DAY = 24 * 3600_000;
const ANSWER = `mutation($input: AnswerFollowUpInput!) { answerOutcomeFollowUp(input: $input) { id status productLaunched
  revenueWan jobsCreated companyFounded companyName answeredAt } }`;
const FOLLOW_UP = `query($id: ID!) { outcomeFollowUp(id: $id) { id status monthsAfter remindersSent enterprise { id } institution { id } } }`;
const OUTCOMES = `{ analyticsOutcomes { registeredContracts answered ledToProduct companiesFounded attributedRevenueWan
  byIndustry { key registeredContracts ledToProduct attributedRevenueWan } } }`;

describe('outcome follow-ups through the real queue with a controllable clock', () => {
  const clock = new ControllableClock();
  const mails: ReceivedMail[] = [];
  let sink: SmtpSink;
  let api: TestApi;
  let worker: INestApplicationContext;
  let dataSource: DataSource;
  let queue: JobQueue;
  let world: ProgrammesWorld;
  let founders: ProgrammesWorld;

  beforeAll(async () => {
    sink = await startSmtpSink({ onMessage: (mail) => void mails.push(mail) });
    process.env.SMTP_URL = sink.url;
    clock.install();
    api = await startTestApi();
    worker = await createWorkerApp();
    await settledWorker(worker);
    dataSource = api.app.get(DataSource);
    queue = worker.get(JobQueue);
    world = await buildProgrammesWorld(api, 'followup');
    founders = await buildProgrammesWorld(api, 'founders');
  }, 180_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
    await sink.close();
    clock.uninstall();
  });

  /** The follow-up emails one address received (the sink also receives identity's invitations). */
  const followUpMails = (address: string) =>
    mails.filter((m) => m.to.includes(address) && m.subject.includes('成效跟踪'));

  /** Moves the clock and signs the actors in again (their sessions end by the same clock). */
  async function advance(ms: number): Promise<void> {
    clock.advance(ms);
    await signInAgain(
      api,
      world.admin,
      world.member,
      world.tto,
      world.researcher,
      world.outsider,
      world.otherTto,
      world.brokers[0],
    );
  }

  async function advanceTo(instant: Date): Promise<void> {
    await advance(Math.max(0, instant.getTime() - clock.now().getTime()));
  }

  /** Runs a delayed job now, as BullMQ would once its delay is over (the clock moved, real time did not). */
  async function promote(jobId: string): Promise<void> {
    const job = await eventually(() => queue.queue(QueueName.Programmes).getJob(jobId), 10_000);
    if ((await job.getState()) === 'delayed') await job.promote();
    await eventually(async () => ['completed', 'failed'].includes(await job.getState()), 15_000);
    expect(await job.getState()).toBe('completed');
  }

  it('asks the enterprise 6 months after registration, reminds it, and takes its answer into the outcomes view', async () => {
    const scheduler = await queue.queue(QueueName.Programmes).getJobScheduler(PROGRAMMES_SWEEP_SCHEDULER_ID);
    expect(scheduler).toMatchObject({ name: JobName.SweepProgrammes });

    const dealId = await registeredDeal(api, world, {
      contractValueWan: 300,
      technicalIncomeWan: 200,
      registrationNumber: '2026330106000777',
    });
    const followUps = await eventually(async () => {
      const rows = await dataSource
        .getRepository(OutcomeFollowUpEntity)
        .find({ where: { dealId }, order: { monthsAfter: 'ASC' } });
      return rows.length === 3 ? rows : undefined;
    }, 20_000);
    const [six, twelve, thirtySix] = followUps;
    expect(followUps.map((f) => [f.monthsAfter, f.status])).toEqual([
      [6, 'SCHEDULED'],
      [12, 'SCHEDULED'],
      [36, 'SCHEDULED'],
    ]);
    expect(six).toMatchObject({
      enterpriseId: world.enterprise.id,
      institutionId: world.university.id,
      industryCode: 'low_altitude',
    });
    // Each ask waits in the queue as a delayed job with a deterministic id, due 6 months after registration.
    const askJob = await eventually(() => queue.queue(QueueName.Programmes).getJob(`follow-up-${six.id}-ask`));
    expect(await askJob.getState()).toBe('delayed');
    expect(askJob.delay).toBeGreaterThan(150 * DAY);
    await eventually(() => queue.queue(QueueName.Programmes).getJob(`follow-up-${thirtySix.id}-ask`));

    // Not due: the enterprise cannot answer yet, and a job that fires early changes nothing.
    const answer = {
      followUpId: six.id,
      productLaunched: true,
      revenueWan: 120,
      jobsCreated: 8,
      companyFounded: false,
    };
    expect((await failure(api, ANSWER, { input: answer }, world.member)).reason).toBe('FOLLOW_UP_NOT_DUE');
    await promote(`follow-up-${six.id}-ask`);
    expect((await dataSource.getRepository(OutcomeFollowUpEntity).findOneByOrFail({ id: six.id })).status).toBe(
      'SCHEDULED',
    );

    // Six months later the sweep (through the queue) asks: in-app and by email, once per member.
    await advanceTo(new Date(six.dueAt.getTime() + 60_000));
    await queue.enqueue(JobName.SweepProgrammes, {});
    const asked = await eventually(async () => {
      const row = await dataSource.getRepository(OutcomeFollowUpEntity).findOneByOrFail({ id: six.id });
      return row.status === FollowUpStatus.ASKED ? row : undefined;
    }, 15_000);
    expect(asked.askedAt!.getTime()).toBeGreaterThanOrEqual(six.dueAt.getTime());
    const notifications = await dataSource
      .getRepository(NotificationEntity)
      .findBy({ userId: world.member.userId, kind: NotificationKind.OUTCOME_FOLLOW_UP });
    expect(notifications.map((n) => n.data)).toEqual([
      { followUpId: six.id, dealId, step: 'ask', path: `/follow-ups/${six.id}` },
    ]);
    const memberEmail = (await dataSource.query(`SELECT email FROM users WHERE id = $1`, [world.member.userId]))[0]
      .email;
    const first = await eventually(async () => followUpMails(memberEmail)[0], 15_000);
    expect(first.subject).toContain('6个月成效跟踪');
    expect(first.text).toContain('2026330106000777');

    // The first reminder is its own delayed job, 7 days after the question.
    await advance(7 * DAY + 60_000);
    await promote(`follow-up-${six.id}-remind-1`);
    expect((await dataSource.getRepository(OutcomeFollowUpEntity).findOneByOrFail({ id: six.id })).remindersSent).toBe(
      1,
    );
    await eventually(async () => followUpMails(memberEmail).length === 2, 15_000);
    // The sink has the message before the worker marks it SENT.
    const emails = await eventually(async () => {
      const rows = await dataSource
        .getRepository(ProgrammeEmailEntity)
        .findBy({ followUpId: six.id, userId: world.member.userId });
      return rows.length === 2 && rows.every((row) => row.status === ProgrammeEmailStatus.SENT) ? rows : undefined;
    });
    expect(emails.map((e) => [e.step, e.status]).sort()).toEqual([
      ['ask', 'SENT'],
      ['remind-1', 'SENT'],
    ]);
    // Running the step again sends nothing twice.
    await queue.enqueue(JobName.FollowUpStep, { followUpId: six.id });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(followUpMails(memberEmail)).toHaveLength(2);

    // Who sees it: administrators, the enterprise, the institution's TTO; nobody else.
    for (const viewer of [world.admin, world.member, world.tto]) {
      expect((await ok(api, FOLLOW_UP, { id: six.id }, viewer)).outcomeFollowUp).toMatchObject({
        status: 'ASKED',
        remindersSent: 1,
      });
    }
    for (const stranger of [world.researcher, world.outsider, world.otherTto, world.brokers[0]]) {
      expect(await failure(api, FOLLOW_UP, { id: six.id }, stranger)).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'FOLLOW_UP_NOT_FOUND',
      });
    }
    const listed = await ok(
      api,
      `query($deal: ID) { outcomeFollowUps(dealId: $deal, first: 10) { totalCount nodes { monthsAfter } } }`,
      { deal: dealId },
      world.tto,
    );
    expect(listed.outcomeFollowUps.totalCount).toBe(3);
    const strangerList = await ok(
      api,
      `query($deal: ID) { outcomeFollowUps(dealId: $deal, first: 10) { totalCount } }`,
      { deal: dealId },
      world.outsider,
    );
    expect(strangerList.outcomeFollowUps.totalCount).toBe(0);

    // Only the enterprise answers; its answer feeds the bureau's outcomes view.
    expect((await failure(api, ANSWER, { input: answer }, world.tto)).reason).toBe('PROGRAMME_ACTION_FORBIDDEN');
    const answered = (await ok(api, ANSWER, { input: answer }, world.member)).answerOutcomeFollowUp;
    expect(answered).toMatchObject({ status: 'ANSWERED', productLaunched: true, revenueWan: 120, jobsCreated: 8 });
    const outcomes = (await ok(api, OUTCOMES, {}, world.admin)).analyticsOutcomes;
    expect(outcomes.ledToProduct).toBeGreaterThanOrEqual(1);
    expect(outcomes.byIndustry.find((row: any) => row.key === 'low_altitude')).toMatchObject({
      ledToProduct: expect.any(Number),
      attributedRevenueWan: expect.any(Number),
    });
    expect(
      outcomes.byIndustry.find((row: any) => row.key === 'low_altitude').attributedRevenueWan,
    ).toBeGreaterThanOrEqual(120);
    expect((await failure(api, OUTCOMES, {}, world.tto)).code).toBe('FORBIDDEN');
    // No more reminders once answered.
    await advance(21 * DAY);
    await queue.enqueue(JobName.SweepProgrammes, {});
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(followUpMails(memberEmail)).toHaveLength(2);

    // The 12-month question, its job lost: the hourly sweep asks anyway once it is due.
    await (await queue.queue(QueueName.Programmes).getJob(`follow-up-${twelve.id}-ask`))?.remove();
    await advanceTo(new Date(twelve.dueAt.getTime() + 60_000));
    await queue.enqueue(JobName.SweepProgrammes, {});
    await eventually(
      async () =>
        (await dataSource.getRepository(OutcomeFollowUpEntity).findOneByOrFail({ id: twelve.id })).status ===
        FollowUpStatus.ASKED,
      15_000,
    );
  });

  it('a company founded by the inventors (told by a follow-up) makes a contract outside the district qualify', async () => {
    // The clock moved months on in the first test: its sessions (and these) ended by it.
    await signInAgain(api, founders.admin, founders.member, founders.researcher, founders.brokers[0]);
    await dataSource.query('DELETE FROM reward_applications');
    await dataSource.getRepository(RewardRuleVersionEntity).clear();
    await ok(
      api,
      `mutation($input: CreateRewardRuleVersionInput!) { createRewardRuleVersion(input: $input) { id } }`,
      {
        input: {
          name: '创业奖励',
          effectiveFrom: '2020-01-01',
          terms: {
            qualifications: ['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT', 'INVENTOR_FOUNDED_COMPANY'],
            districtRegions: ['杭州'],
            contractTypes: [],
            sharePercent: 5,
            minTechnicalIncomeWan: 0,
            capPerItemWan: null,
            capPerYearWan: null,
            requiredEvidence: [],
          },
        },
      },
      founders.admin,
    );
    await dataSource.query(`UPDATE organisations SET region = '西安' WHERE id = $1`, [founders.enterprise.id]);
    const dealId = await registeredDeal(api, founders, {
      contractValueWan: 100,
      technicalIncomeWan: 80,
      registrationNumber: '2026330106000778',
    });
    const six = await eventually(
      () => dataSource.getRepository(OutcomeFollowUpEntity).findOneBy({ dealId, monthsAfter: 6 }),
      20_000,
    );
    expect(await dataSource.getRepository(RewardApplicationEntity).countBy({ dealId })).toBe(0);
    clock.advanceTo(new Date(six.dueAt.getTime() + 60_000));
    await signInAgain(api, founders.member);
    await promote(`follow-up-${six.id}-ask`);
    await ok(
      api,
      ANSWER,
      {
        input: {
          followUpId: six.id,
          productLaunched: false,
          companyFounded: true,
          companyName: '明远智航科技有限公司',
        },
      },
      founders.member,
    );
    const application = await eventually(() => dataSource.getRepository(RewardApplicationEntity).findOneBy({ dealId }));
    expect(application).toMatchObject({ qualification: 'INVENTOR_FOUNDED_COMPANY', proposedAmountWan: 4 });
  });
});
