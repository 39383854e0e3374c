/**
 * Demo data, idempotent (npm run seed; the launcher runs it): the district science & technology bureau, a broker
 * agency, enterprises in the priority industries, demo logins, then the catalogue of achievements, experts
 * and demands (scripts/seed-catalogue.ts), brokered deals (scripts/seed-brokerage.ts) and the bureau's programmes
 * (scripts/seed-programmes.ts). Running it twice
 * changes nothing.
 */
import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, IsNull, MoreThan, Not } from 'typeorm';
import {
  AccountLinks,
  AuthService,
  InvitationsService,
  LinkPurpose,
  MembershipEntity,
  MembershipInvitationEntity,
  MembershipStatus,
  OrganisationEntity,
  OrganisationKind,
  OrganisationVerificationStatus,
  PasswordHasher,
  Role,
  UserEntity,
} from '@app/identity';
import { CliModule } from './cli/cli.module';
import { seedBrokerage } from './seed-brokerage';
import { seedCatalogue } from './seed-catalogue';
import { seedEvents } from './seed-events';
import { seedExpertCalls } from './seed-expert-calls';
import { seedConsortia } from './seed-consortia';
import { seedVerifiedBrokerCredential } from './seed-credentials';
import { seedProgrammes } from './seed-programmes';
import { seedScenarios } from './seed-scenarios';
import { seedPendingVerification } from './seed-verification';

export const DEMO_PASSWORD = 'demo-password-2026';

/** Organisations beyond those the catalogue brings (seed-data/catalogue.ts), keyed `seed:<slug>` like them. */
const ORGANISATIONS: Array<{ slug: string; name: string; kind: OrganisationKind; region: string }> = [
  { slug: 'district-bureau', name: '示范区科学技术局', kind: OrganisationKind.GOVERNMENT, region: '杭州' },
  { slug: 'huizhi-transfer', name: '汇智技术转移中心', kind: OrganisationKind.BROKER_AGENCY, region: '杭州' },
  { slug: 'qiming-ai', name: '启明人工智能科技有限公司', kind: OrganisationKind.ENTERPRISE, region: '杭州' },
  { slug: 'yunlian-iot', name: '云联物联网技术有限公司', kind: OrganisationKind.ENTERPRISE, region: '杭州' },
  { slug: 'shuzhi-software', name: '数智软件信息服务有限公司', kind: OrganisationKind.ENTERPRISE, region: '杭州' },
  { slug: 'xinhe-ic', name: '芯合集成电路设计有限公司', kind: OrganisationKind.ENTERPRISE, region: '无锡' },
  {
    slug: 'newrd-low-altitude',
    name: '低空经济产业创新研究院',
    kind: OrganisationKind.NEW_RD_INSTITUTION,
    region: '杭州',
  },
  // Application scenarios (应用场景): a state-owned enterprise (stateOwned set in seed-scenarios) and a public body.
  { slug: 'binhai-port', name: '滨海港务集团有限公司', kind: OrganisationKind.ENTERPRISE, region: '杭州' },
  { slug: 'hz-transport', name: '杭州市交通运输局', kind: OrganisationKind.GOVERNMENT, region: '杭州' },
  // Also created by the catalogue; listed here so the demo logins below can join them.
  { slug: 'minghu-university', name: '明湖理工大学', kind: OrganisationKind.UNIVERSITY, region: '杭州' },
  { slug: 'yizhan-aviation', name: '翼展航空科技有限公司', kind: OrganisationKind.ENTERPRISE, region: '西安' },
];

export interface DemoLogin {
  email: string;
  name: string;
  role: Role;
  organisation: string;
  what: string;
  /** ACTIVE unless said otherwise: the applicant's request waits for the TTO officer. */
  status?: MembershipStatus;
  /** Holds the organisation-admin capability (ORG_ADMIN). */
  orgAdmin?: boolean;
}

export const DEMO_LOGINS: DemoLogin[] = [
  {
    email: 'admin@demo.local',
    name: '科技局 王主任',
    role: Role.ADMIN,
    organisation: 'district-bureau',
    what: 'bureau administrator (verifies organisations)',
  },
  {
    email: 'researcher@demo.local',
    name: '周明远',
    role: Role.RESEARCHER,
    organisation: 'minghu-university',
    what: 'researcher, 明湖理工大学',
  },
  {
    email: 'tto@demo.local',
    name: '技术转移办 李老师',
    role: Role.TTO_OFFICER,
    organisation: 'minghu-university',
    what: 'tech-transfer office, 明湖理工大学 (administers its members)',
  },
  {
    email: 'enterprise@demo.local',
    name: '翼展航空 张工',
    role: Role.ENTERPRISE_MEMBER,
    organisation: 'yizhan-aviation',
    what: 'enterprise member and ORG_ADMIN, 翼展航空',
    orgAdmin: true,
  },
  {
    email: 'broker@demo.local',
    name: '汇智 陈经纪',
    role: Role.BROKER,
    organisation: 'huizhi-transfer',
    what: 'technology broker, ORG_ADMIN of 汇智技术转移中心',
    orgAdmin: true,
  },
  {
    email: 'soe@demo.local',
    name: '滨海港务 赵工',
    role: Role.ENTERPRISE_MEMBER,
    organisation: 'binhai-port',
    what: 'state-owned enterprise member, 滨海港务集团 (posts application scenarios)',
    orgAdmin: true,
  },
  {
    email: 'gov@demo.local',
    name: '交通运输局 孙科长',
    role: Role.ENTERPRISE_MEMBER,
    organisation: 'hz-transport',
    what: 'government body member, 杭州市交通运输局 (posts application scenarios only)',
  },
  {
    email: 'applicant@demo.local',
    name: '林晓',
    role: Role.RESEARCHER,
    organisation: 'minghu-university',
    what: 'asked to join 明湖理工大学 (PENDING: tto@demo.local approves)',
    status: MembershipStatus.PENDING,
  },
];

/** The address of the seeded open invitation (明湖理工大学's TTO invites a researcher). */
export const DEMO_INVITED_EMAIL = 'invited@demo.local';

export async function seedDirectory(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const hasher = app.get(PasswordHasher);
  const organisations = dataSource.getRepository(OrganisationEntity);
  for (const organisation of ORGANISATIONS) {
    const externalKey = `seed:${organisation.slug}`;
    await organisations
      .createQueryBuilder()
      .insert()
      .values({
        ...organisation,
        externalKey,
        verificationStatus: OrganisationVerificationStatus.VERIFIED,
        verifiedAt: new Date(),
      })
      .orIgnore()
      .execute();
    await organisations.update(
      { externalKey, verificationStatus: Not(OrganisationVerificationStatus.VERIFIED) },
      { verificationStatus: OrganisationVerificationStatus.VERIFIED, verifiedAt: new Date() },
    );
  }
  const passwordHash = await hasher.hash(DEMO_PASSWORD);
  for (const login of DEMO_LOGINS) {
    await dataSource.transaction(async (manager) => {
      // Demo accounts have verified addresses (demo.local receives no mail).
      await manager
        .createQueryBuilder()
        .insert()
        .into(UserEntity)
        .values({
          email: login.email,
          displayName: login.name,
          passwordHash,
          locale: 'zh',
          emailVerifiedAt: new Date(),
        })
        .orIgnore()
        .execute();
      await manager.update(
        UserEntity,
        { email: login.email, emailVerifiedAt: IsNull() },
        { emailVerifiedAt: new Date() },
      );
      const user = await manager.findOneByOrFail(UserEntity, { email: login.email });
      const organisation = await manager.findOneByOrFail(OrganisationEntity, {
        externalKey: `seed:${login.organisation}`,
      });
      // Insert only: a decision taken since (the applicant approved or rejected) is not undone by seeding again.
      await manager
        .createQueryBuilder()
        .insert()
        .into(MembershipEntity)
        .values({
          userId: user.id,
          organisationId: organisation.id,
          role: login.role,
          status: login.status ?? MembershipStatus.ACTIVE,
          orgAdmin: login.orgAdmin ?? false,
        })
        .orIgnore()
        .execute();
      if (login.role === Role.BROKER) await seedVerifiedBrokerCredential(manager, user.id, 'ZJ-JSJJR-2025-0168');
      if (login.orgAdmin) {
        await manager.update(
          MembershipEntity,
          { userId: user.id, organisationId: organisation.id, status: MembershipStatus.ACTIVE },
          { orgAdmin: true },
        );
      }
    });
  }
  await seedInvitation(app);
}

/** One open invitation (mailed to the local sink when the worker runs; its link is also printed). */
async function seedInvitation(app: INestApplicationContext): Promise<void> {
  const dataSource = app.get(DataSource);
  const university = await dataSource
    .getRepository(OrganisationEntity)
    .findOneByOrFail({ externalKey: 'seed:minghu-university' });
  let invitation = await dataSource.getRepository(MembershipInvitationEntity).findOne({
    where: {
      organisationId: university.id,
      email: DEMO_INVITED_EMAIL,
      acceptedAt: IsNull(),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    },
    order: { createdAt: 'DESC' },
  });
  if (!invitation) {
    const accepted = await dataSource
      .getRepository(MembershipInvitationEntity)
      .existsBy({ organisationId: university.id, email: DEMO_INVITED_EMAIL, acceptedAt: Not(IsNull()) });
    if (accepted) return;
    const tto = await dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'tto@demo.local' });
    const actor = await app.get(AuthService).loadActor(tto.id);
    invitation = await app
      .get(InvitationsService)
      .invite(actor, { organisationId: university.id, email: DEMO_INVITED_EMAIL, role: Role.RESEARCHER });
  }
  console.log(
    `Open invitation for ${DEMO_INVITED_EMAIL} (RESEARCHER, 明湖理工大学): ${app
      .get(AccountLinks)
      .url(LinkPurpose.INVITATION, invitation.id)}`,
  );
}

/** Demo logins with a published password must never reach a production database. */
export function refuseProduction(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === 'production') {
    throw new Error('npm run seed writes demo accounts with known passwords: refused with NODE_ENV=production');
  }
}

async function main(): Promise<void> {
  refuseProduction();
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    await seedDirectory(app);
    await seedPendingVerification(app);
    await seedCatalogue(app);
    await seedBrokerage(app);
    await seedProgrammes(app);
    await seedScenarios(app);
    await seedEvents(app);
    await seedExpertCalls(app);
    await seedConsortia(app);
    console.log('Demo data is in place.');
  } finally {
    await app.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error('Seeding failed:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
