import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource, In, Like } from 'typeorm';
import {
  AchievementEntity,
  AchievementObjectionEntity,
  AchievementStatus,
  AchievementTransitionEntity,
} from '@app/achievements';
import { OutboxEventEntity } from '@app/core';
import { DemandEntity, DemandStatus } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { OrganisationEntity } from '@app/identity';
import { CliModule } from './cli/cli.module';
import { SEED_ACHIEVEMENTS, SEED_DEMANDS, SEED_EXPERTS } from './seed-data/catalogue';
import { seedCatalogue } from './seed-catalogue';

describe('seedCatalogue', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await (await Test.createTestingModule({ imports: [CliModule] }).compile()).init();
    dataSource = app.get(DataSource);
  });
  afterAll(() => app?.close());

  async function snapshot() {
    const organisations = await dataSource.getRepository(OrganisationEntity).findBy({ externalKey: Like('seed:%') });
    const organisationIds = organisations.map((o) => o.id);
    const achievements = await dataSource
      .getRepository(AchievementEntity)
      .findBy({ institutionId: In(organisationIds) });
    const experts = await dataSource.getRepository(ExpertEntity).findBy({ organisationId: In(organisationIds) });
    const demands = await dataSource.getRepository(DemandEntity).findBy({ organisationId: In(organisationIds) });
    const achievementIds = achievements.map((a) => a.id);
    return {
      organisations: organisations.length,
      achievements,
      experts: experts.length,
      demands,
      transitions: await dataSource
        .getRepository(AchievementTransitionEntity)
        .countBy({ achievementId: In(achievementIds) }),
      objections: await dataSource
        .getRepository(AchievementObjectionEntity)
        .findBy({ achievementId: In(achievementIds) }),
      outbox: await dataSource
        .getRepository(OutboxEventEntity)
        .countBy({ subjectId: In([...achievementIds, ...experts.map((e) => e.id), ...demands.map((d) => d.id)]) }),
    };
  }

  const tally = <T extends string>(values: T[]) =>
    values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});

  it('seeds achievements across workflow states, experts and demands, through the domain services', async () => {
    const summary = await seedCatalogue(app);
    const state = await snapshot();

    expect(state.achievements).toHaveLength(SEED_ACHIEVEMENTS.length);
    expect(SEED_ACHIEVEMENTS.length).toBeGreaterThanOrEqual(40);
    expect(tally(state.achievements.map((a) => a.status))).toEqual({
      [AchievementStatus.LISTED]: 30,
      [AchievementStatus.IN_NEGOTIATION]: 1,
      [AchievementStatus.TRANSFERRED]: 1,
      [AchievementStatus.DRAFT]: 3,
      [AchievementStatus.SUBMITTED]: 2,
      [AchievementStatus.DEPARTMENT_REVIEW]: 1,
      [AchievementStatus.TTO_REVIEW]: 1,
      [AchievementStatus.PUBLIC_NOTICE]: 3,
    });
    expect(summary.achievements).toEqual(tally(state.achievements.map((a) => a.status)));
    expect(state.achievements.filter((a) => String(a.language) === 'en').length).toBeGreaterThanOrEqual(4);

    // One notice drew an objection, went back to TTO review and was re-approved into a second notice round.
    expect(state.objections).toHaveLength(1);
    const objected = state.achievements.find((a) => a.id === state.objections[0].achievementId)!;
    expect(objected).toMatchObject({ status: AchievementStatus.PUBLIC_NOTICE, noticeRound: 2 });
    const timeline = await dataSource
      .getRepository(AchievementTransitionEntity)
      .find({ where: { achievementId: objected.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    expect(timeline.map((t) => t.toStatus)).toEqual([
      AchievementStatus.DRAFT,
      AchievementStatus.SUBMITTED,
      AchievementStatus.DEPARTMENT_REVIEW,
      AchievementStatus.TTO_REVIEW,
      AchievementStatus.PUBLIC_NOTICE,
      AchievementStatus.PUBLIC_NOTICE, // the objection filed (moves nothing)
      AchievementStatus.TTO_REVIEW, // upheld by the TTO
      AchievementStatus.PUBLIC_NOTICE,
    ]);
    expect(state.objections[0].resolvedAt).not.toBeNull();

    expect(state.experts).toBe(SEED_EXPERTS.length);
    expect(state.demands).toHaveLength(SEED_DEMANDS.length);
    expect(tally(state.demands.map((d) => d.status))).toEqual({
      [DemandStatus.OPEN]: 17,
      [DemandStatus.DRAFT]: 2,
      [DemandStatus.IN_PROGRESS]: 1,
    });
    expect(state.outbox).toBeGreaterThanOrEqual(30 + 1 + 1 + SEED_EXPERTS.length + 18);
  });

  it('changes nothing when run again', async () => {
    const before = await snapshot();
    await seedCatalogue(app);
    const after = await snapshot();
    expect({ ...after, achievements: after.achievements.length, demands: after.demands.length }).toEqual({
      ...before,
      achievements: before.achievements.length,
      demands: before.demands.length,
    });
    expect(after.achievements.map((a) => [a.id, a.status, a.updatedAt?.getTime()]).sort()).toEqual(
      before.achievements.map((a) => [a.id, a.status, a.updatedAt?.getTime()]).sort(),
    );
  });
});
