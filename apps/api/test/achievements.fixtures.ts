import { DataSource } from 'typeorm';
import {
  AchievementEntity,
  AchievementInventorEntity,
  AchievementStatus,
  RightsProposalEntity,
  RightsProposalKind,
  TransferMode,
} from '@app/achievements';
import { MembershipEntity, OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { TestApi, uniqueEmail } from '@app/testing';

export const PASSWORD = 'a long enough passphrase';

const REGISTER = `mutation Register($input: RegisterInput!) { register(input: $input) { accessToken user { id } } }`;

export interface TestUser {
  id: string;
  token: string;
}

export async function createOrganisation(
  api: TestApi,
  name: string,
  kind: OrganisationKind,
): Promise<OrganisationEntity> {
  const repository = api.app.get(DataSource).getRepository(OrganisationEntity);
  return repository.save(repository.create({ name, kind, externalKey: null, region: '高新区' }));
}

/**
 * Registers a user (as a researcher of `registerAt`, the only self-service route into an institution) and then
 * sets their real role directly in the database: memberships are read on every request, so the token stays valid.
 */
export async function createUser(
  api: TestApi,
  registerAt: OrganisationEntity,
  role: Role,
  organisation: OrganisationEntity,
  displayName = role.toLowerCase(),
): Promise<TestUser> {
  const res = await api.gql(REGISTER, {
    input: {
      email: uniqueEmail(role.toLowerCase()),
      password: PASSWORD,
      displayName,
      role: 'RESEARCHER',
      organisationId: registerAt.id,
    },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const { accessToken, user } = res.data!.register;
  await api.app
    .get(DataSource)
    .getRepository(MembershipEntity)
    .update({ userId: user.id }, { role, organisationId: organisation.id });
  return { id: user.id, token: accessToken };
}

/**
 * Puts an achievement straight into `status` with everything its guards need (one consented inventor, an 80%
 * proposal, a conversion plan, an open notice window), so each test starts where it needs to.
 */
export async function seedAchievement(
  api: TestApi,
  options: { institutionId: string; ownerId: string; status: AchievementStatus; title?: string; description?: string },
): Promise<AchievementEntity> {
  const dataSource = api.app.get(DataSource);
  const now = Date.now();
  const onMarket = [AchievementStatus.LISTED, AchievementStatus.IN_NEGOTIATION, AchievementStatus.STALE].includes(
    options.status,
  );
  const achievement = await dataSource.getRepository(AchievementEntity).save(
    dataSource.getRepository(AchievementEntity).create({
      title: options.title ?? `成果 ${options.status}`,
      summary: '一种面向低空物流的视觉导航方法',
      description: options.description ?? '机密：算法细节与实验数据',
      keywords: ['视觉导航', 'drone'],
      industryCode: 'low_altitude',
      trl: 5,
      transferModes: [TransferMode.LICENSE],
      askingPriceWan: 120,
      institutionId: options.institutionId,
      ownerId: options.ownerId,
      representativeId: options.ownerId,
      conversionPlan: '许可给区内企业实施',
      attachments: [
        {
          name: '实验报告.pdf',
          url: 'https://files.example/r.pdf',
          mimeType: 'application/pdf',
          sizeBytes: 1,
          sha256: null,
        },
      ],
      status: options.status,
      noticeRound: options.status === AchievementStatus.PUBLIC_NOTICE ? 1 : 0,
      noticeStartsAt: new Date(now),
      noticeEndsAt: new Date(now + 3600_000),
      listedAt: onMarket ? new Date(now) : null,
      reconfirmedAt: onMarket ? new Date(now) : null,
    }),
  );
  await dataSource.getRepository(AchievementInventorEntity).insert({
    achievementId: achievement.id,
    userId: options.ownerId,
    name: '张三',
    contributionShare: 100,
    position: 0,
    consentedAt: new Date(now),
  });
  await dataSource.getRepository(RightsProposalEntity).insert({
    achievementId: achievement.id,
    kind: RightsProposalKind.TEAM_SHARE,
    teamSharePercent: 80,
    useRightYears: null,
  });
  return achievement;
}

/** Polls (short intervals) until `check` returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
