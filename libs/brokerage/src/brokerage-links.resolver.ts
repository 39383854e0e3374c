import { Type } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, groupedByKeys, RequestLoaders } from '@app/core';
import {
  AchievementEntity,
  AchievementObject,
  AchievementsService,
  FileMetadataObject,
  visibleAchievementLoader,
} from '@app/achievements';
import { FileOwnerKind, FilesService, fileUrl, StoredFileEntity } from '@app/files';
import { DEMAND_ACCESS_COLUMNS, DemandEntity, DemandObject, DemandsService, visibleDemandLoader } from '@app/demands';
import { ExpertObject, ExpertsService, visibleExpertLoader } from '@app/experts';
import {
  Actor,
  CurrentActor,
  DirectoryService,
  loadPerson,
  Loaders,
  OptionalActor,
  organisationLoader,
  OrganisationObject,
  PersonObject,
  Role,
} from '@app/identity';
import { MatchesService, MatchObject, MatchTargetType, visibleMatchLoader } from '@app/matching';
import {
  DealObject,
  EntrustmentObject,
  IntroductionObject,
  MatchClaimObject,
  PriceNoticeObject,
} from './brokerage.object';
import { DealEntity } from './entities/deal.entity';
import { EntrustedSubject, EntrustmentEntity } from './entities/entrustment.entity';
import { IntroductionAcknowledgementEntity, IntroductionEntity } from './entities/introduction.entity';
import { MatchClaimEntity } from './entities/match-claim.entity';
import { IntroductionsService } from './introductions.service';
import { PartiesService } from './parties.service';

/**
 * The objects brokerage rows point at, each loaded in one batch per request and through the rule of the lib
 * that owns it (a demand through DemandsService, an achievement through its access rules, …): a viewer who may
 * not see one gets null. What brokerage itself decides is how much of the counterpart an introduction shows.
 */

export function acknowledgementsLoader(loaders: RequestLoaders, introductions: IntroductionsService) {
  return loaders.get(
    'brokerage.acknowledgements',
    () =>
      new DataLoader<string, IntroductionAcknowledgementEntity[]>(async (ids) =>
        groupedByKeys(ids, await introductions.acknowledgementsOf(ids), (row) => row.introductionId),
      ),
  );
}

function visibleIntroductionLoader(loaders: RequestLoaders, introductions: IntroductionsService, actor: Actor) {
  return loaders.get(
    'brokerage.visibleIntroduction',
    () =>
      new DataLoader<string, IntroductionEntity | null>(async (ids) =>
        byKeys(ids, await introductions.visibleByIds(actor, ids), (row) => row.id),
      ),
  );
}

/** The access columns of demands (anonymity, organisation), unfiltered: only brokerage's own rule reads them. */
function demandAccessLoader(loaders: RequestLoaders, demands: DemandsService) {
  return loaders.get(
    'brokerage.demandAccess',
    () =>
      new DataLoader<string, DemandEntity | null>(async (ids) =>
        byKeys(ids, await demands.demandsByIds(ids, DEMAND_ACCESS_COLUMNS), (row) => row.id),
      ),
  );
}

type PairRow = Pick<
  IntroductionEntity,
  'brokerId' | 'demandId' | 'demandOrganisationId' | 'targetType' | 'targetId' | 'targetOrganisationId'
>;

function onTargetSideLoader(loaders: RequestLoaders, parties: PartiesService, actor: Actor) {
  return loaders.get(
    'brokerage.onTargetSide',
    () =>
      new DataLoader<PairRow, boolean, string>((pairs) => parties.onTargetSideOfEach(actor, pairs), {
        cacheKeyFn: (pair) => `${pair.targetType}:${pair.targetId}:${pair.targetOrganisationId}`,
      }),
  );
}

/** Which sides of an introduction (or of the deal born of it) the actor may see the people and names of. */
export interface SideVisibility {
  demand: boolean;
  target: boolean;
}

/**
 * The broker and administrators see both sides; a party sees its own side; the other side's people (and an
 * anonymous enterprise's name) only once the introduction is revealed — both accepted and each side acknowledged
 * confidentiality — and only to a person who acknowledged. The same rule as `counterpartContacts`.
 */
async function sideVisibility(
  actor: Actor,
  row: PairRow,
  introduction: Pick<IntroductionEntity, 'id' | 'revealedAt'> | null,
  loaders: RequestLoaders,
  services: { introductions: IntroductionsService; parties: PartiesService },
): Promise<SideVisibility> {
  if (actor.isAdmin || row.brokerId === actor.userId) return { demand: true, target: true };
  const revealed =
    !!introduction?.revealedAt &&
    (await acknowledgementsLoader(loaders, services.introductions).load(introduction.id)).some(
      (ack) => ack.userId === actor.userId,
    );
  if (revealed) return { demand: true, target: true };
  return {
    demand: actor.hasRole(Role.ENTERPRISE_MEMBER, row.demandOrganisationId),
    target: await onTargetSideLoader(loaders, services.parties, actor).load(row),
  };
}

/** The demand side's enterprise: public unless the demand is anonymous, then as `sideVisibility` says. */
async function demandOrganisationOf(
  row: PairRow,
  sides: SideVisibility,
  loaders: RequestLoaders,
  demands: DemandsService,
  directory: DirectoryService,
) {
  const demand = await demandAccessLoader(loaders, demands).load(row.demandId);
  if (!sides.demand && (!demand || demand.anonymous)) return null;
  return organisationLoader(loaders, directory).load(row.demandOrganisationId);
}

@Resolver(() => MatchClaimObject)
export class MatchClaimLinksResolver {
  constructor(
    private readonly matches: MatchesService,
    private readonly directory: DirectoryService,
  ) {}

  @ResolveField(() => MatchObject, { nullable: true })
  match(@Parent() claim: MatchClaimEntity, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    return visibleMatchLoader(loaders, this.matches, actor).load(claim.matchId);
  }

  @ResolveField(() => PersonObject, { nullable: true })
  broker(@Parent() claim: MatchClaimEntity, @Loaders() loaders: RequestLoaders) {
    return loadPerson(loaders, this.directory, claim.brokerId);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  agency(@Parent() claim: MatchClaimEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(claim.agencyId);
  }
}

@Resolver(() => EntrustmentObject)
export class EntrustmentLinksResolver {
  constructor(
    private readonly demands: DemandsService,
    private readonly achievements: AchievementsService,
    private readonly directory: DirectoryService,
  ) {}

  @ResolveField(() => AchievementObject, { nullable: true, description: 'The entrusted achievement, if that is it' })
  achievement(@Parent() row: EntrustmentEntity, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    if (row.subjectType !== EntrustedSubject.ACHIEVEMENT) return null;
    return visibleAchievementLoader(loaders, this.achievements, actor).load(row.subjectId);
  }

  @ResolveField(() => DemandObject, { nullable: true, description: 'The entrusted demand, if that is it' })
  demand(@Parent() row: EntrustmentEntity, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    if (row.subjectType !== EntrustedSubject.DEMAND) return null;
    return visibleDemandLoader(loaders, this.demands, actor).load(row.subjectId);
  }

  @ResolveField(() => PersonObject, { nullable: true, description: 'The broker entrusted (null: a whole agency)' })
  broker(@Parent() row: EntrustmentEntity, @Loaders() loaders: RequestLoaders) {
    return loadPerson(loaders, this.directory, row.brokerId);
  }

  @ResolveField(() => OrganisationObject, { nullable: true, description: 'The agency entrusted (null: brokers)' })
  agency(@Parent() row: EntrustmentEntity, @Loaders() loaders: RequestLoaders) {
    return row.agencyId ? organisationLoader(loaders, this.directory).load(row.agencyId) : null;
  }

  @ResolveField(() => PersonObject, { nullable: true })
  entrustedBy(@Parent() row: EntrustmentEntity, @Loaders() loaders: RequestLoaders) {
    return loadPerson(loaders, this.directory, row.entrustedById);
  }

  @ResolveField(() => OrganisationObject, { nullable: true, description: 'The institution or enterprise entrusting' })
  ownerOrganisation(@Parent() row: EntrustmentEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(row.ownerOrganisationId);
  }
}

/** The fields an introduction and its deal share (the pair, the broker, the sides), for either object type. */
function PairLinks<T extends PairRow & { agencyId: string }>(objectType: Type<unknown>) {
  @Resolver(() => objectType, { isAbstract: true })
  abstract class PairLinksHost {
    constructor(
      protected readonly demands: DemandsService,
      protected readonly achievements: AchievementsService,
      protected readonly experts: ExpertsService,
      protected readonly directory: DirectoryService,
      protected readonly introductions: IntroductionsService,
      protected readonly parties: PartiesService,
    ) {}

    protected abstract introductionOf(
      row: T,
      actor: Actor,
      loaders: RequestLoaders,
    ): Promise<Pick<IntroductionEntity, 'id' | 'revealedAt'> | null>;

    protected async sides(row: T, actor: Actor, loaders: RequestLoaders): Promise<SideVisibility> {
      return sideVisibility(actor, row, await this.introductionOf(row, actor, loaders), loaders, {
        introductions: this.introductions,
        parties: this.parties,
      });
    }

    @ResolveField(() => DemandObject, { nullable: true, description: 'The demand (null when you may not see it)' })
    demand(@Parent() row: T, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
      return visibleDemandLoader(loaders, this.demands, actor).load(row.demandId);
    }

    @ResolveField(() => AchievementObject, { nullable: true, description: 'The achievement, when that is the target' })
    achievement(@Parent() row: T, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
      if (row.targetType !== MatchTargetType.ACHIEVEMENT) return null;
      // What the viewer may see by the achievement's rules, and also — the viewer sees this pair — the achievement
      // its deal took off the public market (IN_NEGOTIATION, TRANSFERRED).
      return loaders
        .get(
          'brokerage.pairAchievement',
          () =>
            new DataLoader<string, AchievementEntity | null>(async (ids) => {
              const visible = await this.achievements.visibleByIds(actor, ids);
              const missing = ids.filter((id) => !visible.some((achievement) => achievement.id === id));
              const held = await this.introductions.heldAchievements(missing);
              return byKeys(ids, [...visible, ...held], (achievement) => achievement.id);
            }),
        )
        .load(row.targetId);
    }

    @ResolveField(() => ExpertObject, { nullable: true, description: 'The expert, when that is the target' })
    expert(@Parent() row: T, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
      if (row.targetType !== MatchTargetType.EXPERT) return null;
      return visibleExpertLoader(loaders, this.experts, actor).load(row.targetId);
    }

    @ResolveField(() => PersonObject, { nullable: true })
    broker(@Parent() row: T, @Loaders() loaders: RequestLoaders) {
      return loadPerson(loaders, this.directory, row.brokerId);
    }

    @ResolveField(() => OrganisationObject, { nullable: true, description: "The broker's agency" })
    agency(@Parent() row: T, @Loaders() loaders: RequestLoaders) {
      return organisationLoader(loaders, this.directory).load(row.agencyId);
    }

    @ResolveField(() => OrganisationObject, {
      nullable: true,
      description:
        'The enterprise of the demand side. For an anonymous demand: null for the other side until the introduction is revealed to you',
    })
    async demandOrganisation(@Parent() row: T, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
      return demandOrganisationOf(row, await this.sides(row, actor, loaders), loaders, this.demands, this.directory);
    }

    @ResolveField(() => OrganisationObject, {
      nullable: true,
      description: 'The institution of the target side (public, as on the listing)',
    })
    targetOrganisation(@Parent() row: T, @Loaders() loaders: RequestLoaders) {
      return organisationLoader(loaders, this.directory).load(row.targetOrganisationId);
    }
  }
  return PairLinksHost;
}

@Resolver(() => IntroductionObject)
export class IntroductionLinksResolver extends PairLinks<IntroductionEntity>(IntroductionObject) {
  constructor(
    demands: DemandsService,
    achievements: AchievementsService,
    experts: ExpertsService,
    directory: DirectoryService,
    introductions: IntroductionsService,
    parties: PartiesService,
    private readonly matches: MatchesService,
  ) {
    super(demands, achievements, experts, directory, introductions, parties);
  }

  protected introductionOf(row: IntroductionEntity) {
    return Promise.resolve(row);
  }

  @ResolveField(() => MatchObject, { nullable: true, description: 'The match it came from, if any' })
  match(@Parent() row: IntroductionEntity, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    return row.matchId ? visibleMatchLoader(loaders, this.matches, actor).load(row.matchId) : null;
  }

  @ResolveField(() => PersonObject, {
    nullable: true,
    description: 'Who answered for the demand side: for the other side, only once it is revealed to you',
  })
  async demandAnsweredBy(
    @Parent() row: IntroductionEntity,
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
  ) {
    const sides = await this.sides(row, actor, loaders);
    return sides.demand ? loadPerson(loaders, this.directory, row.demandAnsweredById) : null;
  }

  @ResolveField(() => PersonObject, {
    nullable: true,
    description: 'Who answered for the target side: for the other side, only once it is revealed to you',
  })
  async targetAnsweredBy(
    @Parent() row: IntroductionEntity,
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
  ) {
    const sides = await this.sides(row, actor, loaders);
    return sides.target ? loadPerson(loaders, this.directory, row.targetAnsweredById) : null;
  }
}

@Resolver(() => DealObject)
export class DealLinksResolver extends PairLinks<DealEntity>(DealObject) {
  constructor(
    demands: DemandsService,
    achievements: AchievementsService,
    experts: ExpertsService,
    directory: DirectoryService,
    introductions: IntroductionsService,
    parties: PartiesService,
    private readonly files: FilesService,
  ) {
    super(demands, achievements, experts, directory, introductions, parties);
  }

  protected introductionOf(row: DealEntity, actor: Actor, loaders: RequestLoaders) {
    return visibleIntroductionLoader(loaders, this.introductions, actor).load(row.introductionId);
  }

  @ResolveField(() => [FileMetadataObject], {
    description: 'Documents (signed agreements, contracts) uploaded to the deal, oldest first',
  })
  async documents(@Parent() row: DealEntity, @Loaders() loaders: RequestLoaders) {
    const files = await loaders
      .get(
        'brokerage.dealDocuments',
        () =>
          new DataLoader<string, StoredFileEntity[]>(async (ids) =>
            groupedByKeys(ids, await this.files.filesOf(FileOwnerKind.DEAL_DOCUMENT, ids), (file) => file.ownerId!),
          ),
      )
      .load(row.id);
    return files.map((file) => ({
      fileId: file.id,
      name: file.name,
      url: fileUrl(file.id),
      mimeType: file.contentType,
      sizeBytes: file.sizeBytes,
      sha256: file.sha256,
    }));
  }

  @ResolveField(() => IntroductionObject, { nullable: true, description: 'The introduction the deal was born of' })
  introduction(@Parent() row: DealEntity, @CurrentActor() actor: Actor, @Loaders() loaders: RequestLoaders) {
    return this.introductionOf(row, actor, loaders);
  }
}

@Resolver(() => PriceNoticeObject)
export class PriceNoticeLinksResolver {
  constructor(
    private readonly achievements: AchievementsService,
    private readonly directory: DirectoryService,
    private readonly introductions: IntroductionsService,
  ) {}

  @ResolveField(() => OrganisationObject, { nullable: true })
  institution(@Parent() notice: PriceNoticeObject, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(notice.institutionId);
  }

  @ResolveField(() => AchievementObject, {
    nullable: true,
    description: 'The achievement under notice: its public fields, also while its deal holds it off the market',
  })
  achievement(
    @Parent() notice: PriceNoticeObject,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() loaders: RequestLoaders,
  ) {
    // A price notice (协议定价公示) is public so that anyone may object: the listing it prices stays readable even
    // though the deal took it off the market (IN_NEGOTIATION, later TRANSFERRED).
    return loaders
      .get(
        'brokerage.noticedAchievement',
        () =>
          new DataLoader<string, AchievementEntity | null>(async (ids) => {
            const visible = await this.achievements.visibleByIds(actor, ids);
            const missing = ids.filter((id) => !visible.some((achievement) => achievement.id === id));
            const held = await this.introductions.heldAchievements(missing);
            return byKeys(ids, [...visible, ...held], (achievement) => achievement.id);
          }),
      )
      .load(notice.achievementId);
  }
}
