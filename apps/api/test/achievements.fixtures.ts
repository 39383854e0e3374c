import { DataSource } from 'typeorm';
import {
  AchievementEntity,
  AchievementInventorEntity,
  AchievementStatus,
  RightsProposalEntity,
  RightsProposalKind,
  TransferMode,
} from '@app/achievements';
import { OrganisationEntity, OrganisationKind, Role } from '@app/identity';
import { TestApi, testAccounts } from '@app/testing';

export const PASSWORD = 'a long enough passphrase';

export interface TestUser {
  id: string;
  token: string;
}

export async function createOrganisation(
  api: TestApi,
  name: string,
  kind: OrganisationKind,
): Promise<OrganisationEntity> {
  return testAccounts(api).organisation(name, kind, '高新区');
}

/** An ACTIVE member holding `role` in `organisation` (only), email verified, signed in (see TestAccounts.member). */
export async function createUser(
  api: TestApi,
  role: Role,
  organisation: OrganisationEntity,
  displayName = role.toLowerCase(),
): Promise<TestUser> {
  const session = await testAccounts(api).member(role, organisation.id, displayName);
  return { id: session.userId, token: session.token };
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
