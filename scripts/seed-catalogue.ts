/**
 * Demo catalogue: 42 achievements across the rights workflow, 15 experts, 20 demands (scripts/seed-data/catalogue.ts).
 * Called by scripts/seed.ts with an application context that provides the domain modules (see CliModule).
 * Idempotent: listed achievements, experts and open demands go through the domain services' idempotent imports
 * (keyed `seed:<key>`); workflow achievements and draft demands are found again by institution and title, and a
 * half-finished run is resumed from the state it reached.
 */
import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, Not } from 'typeorm';
import {
  AchievementEntity,
  AchievementLanguage,
  AchievementObjectionEntity,
  AchievementsService,
  AchievementStatus,
  IP_TYPE_BY_CHINESE,
  RightsProposalKind,
  TRANSFER_MODE_BY_CHINESE,
  WorkflowEvent,
} from '@app/achievements';
import { detectLanguage } from '@app/catalog-import';
import {
  DemandAction,
  DemandEntity,
  DemandsService,
  DemandStatus,
  parseCooperationMode,
  CooperationMode,
} from '@app/demands';
import { ExpertService, ExpertsService } from '@app/experts';
import {
  Actor,
  AuthService,
  MembershipEntity,
  MembershipStatus,
  OrganisationEntity,
  OrganisationKind,
  OrganisationVerificationStatus,
  PasswordHasher,
  Role,
  UserEntity,
} from '@app/identity';
import { TaxonomyService } from '@app/taxonomy';
import {
  SEED_ACHIEVEMENTS,
  SEED_DEMANDS,
  SEED_EXPERTS,
  SEED_ORGANISATIONS,
  SeedAchievement,
  SeedAchievementStage,
  SeedDemand,
  SeedExpert,
} from './seed-data/catalogue';

export interface SeedCatalogueOptions {
  /**
   * Password of the accounts that act in the seeded timelines (researcher and TTO officer per institution, an
   * enterprise member per enterprise, one objector). Default: a random one, i.e. they cannot log in.
   */
  actorPassword?: string;
}

export interface SeedCatalogueSummary {
  achievements: Partial<Record<AchievementStatus, number>>;
  experts: number;
  demands: Partial<Record<DemandStatus, number>>;
}

const KEY_PREFIX = 'seed';
const ACTOR_EMAIL_DOMAIN = 'catalogue.seed.example';

export async function seedCatalogue(
  app: INestApplicationContext,
  options: SeedCatalogueOptions = {},
): Promise<SeedCatalogueSummary> {
  const seeder = new CatalogueSeeder(app, options);
  await seeder.organisations();
  const achievements = await seeder.achievements();
  const experts = await seeder.experts();
  const demands = await seeder.demands();
  return { achievements, experts, demands };
}

class CatalogueSeeder {
  private readonly dataSource: DataSource;
  private readonly achievementsService: AchievementsService;
  private readonly expertsService: ExpertsService;
  private readonly demandsService: DemandsService;
  private readonly taxonomy: TaxonomyService;
  private readonly auth: AuthService;
  private readonly hasher: PasswordHasher;
  private readonly organisationsBySlug = new Map<string, OrganisationEntity>();
  private passwordHash: Promise<string> | undefined;

  constructor(
    app: INestApplicationContext,
    private readonly options: SeedCatalogueOptions,
  ) {
    this.dataSource = app.get(DataSource);
    this.achievementsService = app.get(AchievementsService, { strict: false });
    this.expertsService = app.get(ExpertsService, { strict: false });
    this.demandsService = app.get(DemandsService, { strict: false });
    this.taxonomy = app.get(TaxonomyService, { strict: false });
    this.auth = app.get(AuthService, { strict: false });
    this.hasher = app.get(PasswordHasher, { strict: false });
  }

  /** The organisations scripts/seed.ts may already have created (same keys); missing ones are created here. */
  async organisations(): Promise<void> {
    const repo = this.dataSource.getRepository(OrganisationEntity);
    for (const organisation of SEED_ORGANISATIONS) {
      const externalKey = `${KEY_PREFIX}:${organisation.slug}`;
      await repo
        .createQueryBuilder()
        .insert()
        .values({
          name: organisation.name,
          kind: OrganisationKind[organisation.kind],
          region: organisation.region,
          externalKey,
          verificationStatus: OrganisationVerificationStatus.VERIFIED,
          verifiedAt: new Date(),
        })
        .orIgnore()
        .execute();
      // Demo organisations are verified, also where an older seed created them before verification existed.
      await repo.update(
        { externalKey, verificationStatus: Not(OrganisationVerificationStatus.VERIFIED) },
        { verificationStatus: OrganisationVerificationStatus.VERIFIED, verifiedAt: new Date() },
      );
      this.organisationsBySlug.set(organisation.slug, await repo.findOneByOrFail({ externalKey }));
    }
  }

  async achievements(): Promise<Partial<Record<AchievementStatus, number>>> {
    const statuses: Partial<Record<AchievementStatus, number>> = {};
    for (const seed of SEED_ACHIEVEMENTS) {
      const achievement =
        seed.stage === 'LISTED' || seed.stage === 'IN_NEGOTIATION' || seed.stage === 'TRANSFERRED'
          ? await this.importedAchievement(seed)
          : await this.workflowAchievement(seed);
      statuses[achievement.status] = (statuses[achievement.status] ?? 0) + 1;
    }
    return statuses;
  }

  async experts(): Promise<number> {
    for (const seed of SEED_EXPERTS) {
      await this.expertsService.importExpert(this.organisation(seed.institution).id, {
        externalId: `${KEY_PREFIX}:${seed.key}`,
        name: seed.name,
        title: seed.title,
        bio: seed.bio,
        researchFields: seed.fields,
        services: servicesOffered(seed),
        languages: [detectLanguage(seed.bio)],
        region: seed.region,
      });
    }
    return SEED_EXPERTS.length;
  }

  async demands(): Promise<Partial<Record<DemandStatus, number>>> {
    const statuses: Partial<Record<DemandStatus, number>> = {};
    for (const seed of SEED_DEMANDS) {
      const demand = seed.status === 'DRAFT' ? await this.draftDemand(seed) : await this.publishedDemand(seed);
      statuses[demand.status] = (statuses[demand.status] ?? 0) + 1;
    }
    return statuses;
  }

  // ---- achievements

  /** Listed catalogue entries: rights settled outside the platform, entering through the idempotent import. */
  private async importedAchievement(seed: SeedAchievement): Promise<AchievementEntity> {
    const institution = this.organisation(seed.institution);
    const { achievement } = await this.achievementsService.importListedAchievement({
      institutionId: institution.id,
      externalId: `${KEY_PREFIX}:${seed.key}`,
      title: seed.title,
      summary: seed.summary,
      keywords: seed.keywords,
      industryCode: await this.taxonomy.requireIndustry(seed.industry, 'industry'),
      trl: seed.trl,
      ipType: IP_TYPE_BY_CHINESE[seed.ipType],
      transferModes: seed.transferModes.map((mode) => TRANSFER_MODE_BY_CHINESE[mode]),
      askingPriceWan: seed.askingPriceWan,
      region: seed.region,
      language: languageOf(seed),
      institutionOwned: seed.rightsStatus === '学校所有',
      status: seed.stage === 'TRANSFERRED' ? AchievementStatus.TRANSFERRED : AchievementStatus.LISTED,
    });
    if (seed.stage === 'IN_NEGOTIATION' && achievement.status === AchievementStatus.LISTED) {
      const tto = await this.actor(Role.TTO_OFFICER, seed.institution);
      return this.achievementsService.fire(tto, achievement.id, WorkflowEvent.START_NEGOTIATION, {
        comment: '与一家意向企业进入许可条款谈判',
      });
    }
    return achievement;
  }

  /** Applications in progress, driven through the real workflow by the institution's researcher and TTO officer. */
  private async workflowAchievement(seed: SeedAchievement): Promise<AchievementEntity> {
    const institution = this.organisation(seed.institution);
    const researcher = await this.actor(Role.RESEARCHER, seed.institution);
    const tto = await this.actor(Role.TTO_OFFICER, seed.institution);
    let achievement =
      (await this.dataSource
        .getRepository(AchievementEntity)
        .findOneBy({ institutionId: institution.id, title: seed.title })) ?? (await this.createDraft(researcher, seed));

    // Resume from wherever a previous run stopped: each step moves one state closer to the seed's stage.
    for (let step = 0; step < 10; step++) {
      const next = await this.nextStep(seed.stage, achievement);
      if (!next) return achievement;
      const { event, comment } = next;
      if (event === WorkflowEvent.SUBMIT) {
        await this.recordConsents(researcher, achievement.id, seed.key);
        achievement = await this.achievementsService.fire(researcher, achievement.id, event, { comment });
      } else if (event === WorkflowEvent.OBJECT) {
        // Someone objects during the notice; the TTO triages it and upholds it (back to review).
        const objection = await this.achievementsService.fileObjection(await this.objector(), achievement.id, comment);
        await this.achievementsService.triageObjection(tto, objection.id, {
          uphold: true,
          resolution: '异议需核实，退回复核',
        });
        achievement = await this.dataSource.getRepository(AchievementEntity).findOneByOrFail({ id: achievement.id });
      } else {
        achievement = await this.achievementsService.fire(tto, achievement.id, event, { comment });
      }
    }
    throw new Error(`Seed achievement ${seed.key} did not reach ${seed.stage}`);
  }

  private async nextStep(
    stage: SeedAchievementStage,
    achievement: AchievementEntity,
  ): Promise<{ event: WorkflowEvent; comment: string } | null> {
    const withObjection = stage === 'PUBLIC_NOTICE_AFTER_OBJECTION';
    const target = withObjection ? AchievementStatus.PUBLIC_NOTICE : (stage as AchievementStatus);
    const objected =
      withObjection &&
      (await this.dataSource.getRepository(AchievementObjectionEntity).existsBy({ achievementId: achievement.id }));
    if (achievement.status === target && (!withObjection || (objected && achievement.noticeRound >= 2))) return null;
    switch (achievement.status) {
      case AchievementStatus.DRAFT:
        return { event: WorkflowEvent.SUBMIT, comment: '全体完成人已签署意见，提交赋权申请' };
      case AchievementStatus.SUBMITTED:
        return { event: WorkflowEvent.APPROVE, comment: '学院审核：权属清晰，不在负面清单内' };
      case AchievementStatus.DEPARTMENT_REVIEW:
        return { event: WorkflowEvent.APPROVE, comment: '转化办审核通过，进入公示' };
      case AchievementStatus.TTO_REVIEW:
        return {
          event: WorkflowEvent.APPROVE,
          comment: objected ? '已核实异议：该人员参与的是委托测试，不属于完成人，重新公示' : '转化办审核通过，进入公示',
        };
      case AchievementStatus.PUBLIC_NOTICE:
        if (withObjection && !objected) {
          const seed = SEED_ACHIEVEMENTS.find((candidate) => candidate.title === achievement.title);
          return { event: WorkflowEvent.OBJECT, comment: seed?.objection ?? '对完成人名单有异议' };
        }
        break;
      default:
        break;
    }
    throw new Error(`Seed achievement "${achievement.title}" is ${achievement.status}, past its seed stage ${stage}`);
  }

  private async createDraft(researcher: Actor, seed: SeedAchievement): Promise<AchievementEntity> {
    const institution = this.organisation(seed.institution);
    const draft = await this.achievementsService.createDraft(researcher, {
      institutionId: institution.id,
      title: seed.title,
      summary: seed.summary,
      description: `${seed.summary}\n\n（详细技术资料仅向意向企业提供。）`,
      keywords: seed.keywords,
      industryCode: await this.taxonomy.requireIndustry(seed.industry, 'industry'),
      trl: seed.trl,
      ipType: IP_TYPE_BY_CHINESE[seed.ipType],
      transferModes: seed.transferModes.map((mode) => TRANSFER_MODE_BY_CHINESE[mode]),
      askingPriceWan: seed.askingPriceWan,
      region: seed.region,
      language: languageOf(seed),
      conversionPlan: `拟以${seed.transferModes.join('、')}方式实施转化，团队负责后续技术支持，收益按赋权协议分配。`,
      inventors: seed.inventors.map((inventor) => ({ name: inventor.name, contributionShare: inventor.share })),
    });
    await this.achievementsService.setRightsProposal(researcher, draft.id, {
      kind: RightsProposalKind.TEAM_SHARE,
      teamSharePercent: 80,
      note: '团队占80%，学校占20%',
    });
    return draft;
  }

  /** The named inventors have no accounts: the team records their signed consent (全体完成人意见). */
  private async recordConsents(researcher: Actor, achievementId: string, key: string): Promise<void> {
    const inventors = await this.achievementsService.inventorsOf([achievementId]);
    for (const inventor of inventors.filter((candidate) => candidate.consentedAt === null)) {
      await this.achievementsService.recordConsent(researcher, achievementId, inventor.id, [
        { name: `${key}-完成人意见-${inventor.name}.pdf`, mimeType: 'application/pdf' },
      ]);
    }
  }

  // ---- demands

  private async publishedDemand(seed: SeedDemand): Promise<DemandEntity> {
    const enterprise = this.organisation(seed.enterprise);
    const { demand } = await this.demandsService.importDemand(enterprise.id, {
      externalId: `${KEY_PREFIX}:${seed.key}`,
      title: seed.title,
      summary: seed.summary,
      industry: seed.industry,
      budgetMinWan: null,
      budgetMaxWan: seed.budgetWan,
      cooperationModes: cooperationModes(seed),
      region: seed.region,
      anonymous: seed.anonymous ?? false,
    });
    if (seed.status === 'IN_PROGRESS' && demand.status === DemandStatus.OPEN) {
      const member = await this.actor(Role.ENTERPRISE_MEMBER, seed.enterprise);
      return this.demandsService.transition(member, demand.id, DemandAction.START_PROGRESS);
    }
    return demand;
  }

  private async draftDemand(seed: SeedDemand): Promise<DemandEntity> {
    const enterprise = this.organisation(seed.enterprise);
    const existing = await this.dataSource
      .getRepository(DemandEntity)
      .findOneBy({ organisationId: enterprise.id, title: seed.title });
    if (existing) return existing;
    const member = await this.actor(Role.ENTERPRISE_MEMBER, seed.enterprise);
    return this.demandsService.create(member, {
      organisationId: enterprise.id,
      title: seed.title,
      summary: seed.summary,
      industryCode: seed.industry,
      budgetMaxWan: seed.budgetWan,
      cooperationModes: cooperationModes(seed),
      region: seed.region,
      anonymous: seed.anonymous ?? false,
      publish: false,
    });
  }

  // ---- actors and organisations

  private organisation(slug: string): OrganisationEntity {
    const organisation = this.organisationsBySlug.get(slug);
    if (!organisation) throw new Error(`Seed organisation ${slug} is not in SEED_ORGANISATIONS`);
    return organisation;
  }

  /**
   * The account acting for `role` in the organisation `slug`: the first member holding that role (e.g. the demo
   * logins scripts/seed.ts creates, so they own the demo timelines), else a catalogue account created here.
   */
  private async actor(role: Role, slug: string): Promise<Actor> {
    const member = await this.dataSource.getRepository(MembershipEntity).findOne({
      where: { organisationId: this.organisation(slug).id, role, status: MembershipStatus.ACTIVE },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    if (member) return this.auth.loadActor(member.userId);
    const names: Partial<Record<Role, string>> = {
      [Role.RESEARCHER]: '科研人员',
      [Role.TTO_OFFICER]: '转化办',
      [Role.ENTERPRISE_MEMBER]: '企业联系人',
    };
    const organisation = this.organisation(slug);
    const user = await this.user(
      `${role.toLowerCase().replace(/_/g, '-')}.${slug}@${ACTOR_EMAIL_DOMAIN}`,
      `${organisation.name}${names[role] ?? role}`,
    );
    await this.dataSource
      .getRepository(MembershipEntity)
      .createQueryBuilder()
      .insert()
      .values({ userId: user.id, organisationId: organisation.id, role, status: MembershipStatus.ACTIVE })
      .orIgnore()
      .execute();
    return this.auth.loadActor(user.id);
  }

  /** Anyone signed in may object to a public notice: an account without memberships. */
  private async objector(): Promise<Actor> {
    const user = await this.user(`objector@${ACTOR_EMAIL_DOMAIN}`, '公示异议人');
    return this.auth.loadActor(user.id);
  }

  private async user(email: string, displayName: string): Promise<UserEntity> {
    const users = this.dataSource.getRepository(UserEntity);
    const existing = await users.findOneBy({ email });
    if (existing) {
      if (!existing.emailVerifiedAt) await users.update({ id: existing.id }, { emailVerifiedAt: new Date() });
      return existing;
    }
    this.passwordHash ??= this.hasher.hash(this.options.actorPassword ?? randomBytes(24).toString('base64url'));
    // Catalogue accounts publish and object in the seeded timelines: their addresses count as verified.
    await users
      .createQueryBuilder()
      .insert()
      .values({ email, displayName, passwordHash: await this.passwordHash, locale: 'zh', emailVerifiedAt: new Date() })
      .orIgnore()
      .execute();
    return users.findOneByOrFail({ email });
  }
}

function languageOf(seed: SeedAchievement): AchievementLanguage {
  return detectLanguage(seed.title, seed.summary) === 'en' ? AchievementLanguage.en : AchievementLanguage.zh;
}

function cooperationModes(seed: SeedDemand): CooperationMode[] {
  return seed.cooperationModes.map((mode) => parseCooperationMode(mode) as CooperationMode);
}

/** What the bio says the expert offers. */
function servicesOffered(seed: SeedExpert): ExpertService[] {
  const cues: Array<[ExpertService, RegExp]> = [
    [ExpertService.CONSULTING, /咨询|consult|review/i],
    [ExpertService.PART_TIME, /兼职|顾问|part-time|advisory/i],
    [ExpertService.LECTURING, /讲学|培训|lectur|training/i],
    [ExpertService.JOINT_RD, /联合研发|合作研发|joint development/i],
    [ExpertService.TECHNICAL_SERVICE, /技术服务|授权|定制|customi[sz]ation|test planning/i],
  ];
  return cues.filter(([, cue]) => cue.test(seed.bio)).map(([service]) => service);
}
