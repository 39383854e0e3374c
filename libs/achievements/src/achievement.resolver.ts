import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import {
  byKeys,
  ConnectionArgs,
  fieldResolverColumns,
  groupedByKeys,
  mapConnection,
  RateLimit,
  RequestLoaders,
} from '@app/core';
import {
  Actor,
  CurrentActor,
  DirectoryService,
  Loaders,
  OptionalActor,
  organisationLoader,
  OrganisationObject,
  Public,
} from '@app/identity';
import { industryLoader, IndustryObject, TaxonomyService } from '@app/taxonomy';
import { ACHIEVEMENT_ACCESS_COLUMNS, canFollowWorkflow } from './achievement-access';
import {
  AchievementFieldsInput,
  AchievementsArgs,
  AchievementSettingsInput,
  CreateAchievementInput,
  FileMetadataInput,
  InventorInput,
  PublicNoticesArgs,
  RightsProposalInput,
  TransitionInput,
} from './achievement.input';
import {
  AchievementConnection,
  AchievementObject,
  AchievementSettingsObject,
  FileMetadataObject,
  InventorObject,
  MyObjectionConnection,
  MyObjectionObject,
  NoticeWindowObject,
  ObjectionObject,
  ObjectionStatus,
  PublicNoticeConnection,
  PublicNoticeObject,
  RightsProposalObject,
  TransitionObject,
} from './achievement.object';
import { AchievementsService } from './achievements.service';
import { AchievementStatus } from './domain/achievement-enums';
import { WorkflowEvent } from './domain/rights-workflow';
import { AchievementObjectionEntity } from './entities/achievement-objection.entity';
import { AchievementInventorEntity } from './entities/achievement-inventor.entity';
import { AchievementSettingsEntity } from './entities/achievement-settings.entity';
import { AchievementEntity } from './entities/achievement.entity';
import { RightsProposalEntity } from './entities/rights-proposal.entity';

export function inventorsLoader(loaders: RequestLoaders, service: AchievementsService) {
  return loaders.get(
    'achievements.inventors',
    () =>
      new DataLoader<string, AchievementInventorEntity[]>(async (ids) =>
        groupedByKeys(ids, await service.inventorsOf(ids), (inventor) => inventor.achievementId),
      ),
  );
}

function proposalLoader(loaders: RequestLoaders, service: AchievementsService) {
  return loaders.get(
    'achievements.proposal',
    () =>
      new DataLoader<string, RightsProposalEntity | null>(async (ids) =>
        byKeys(ids, await service.proposalsOf(ids), (proposal) => proposal.achievementId),
      ),
  );
}

function toSettingsObject(settings: AchievementSettingsEntity): AchievementSettingsObject {
  return {
    institutionId: settings.institutionId,
    noticePeriodSeconds: settings.noticePeriodSeconds,
    noticePeriodDays: settings.noticePeriodSeconds / 86_400,
    stalePeriodDays: settings.stalePeriodDays,
    minTeamSharePercent: settings.minTeamSharePercent,
    maxTeamSharePercent: settings.maxTeamSharePercent,
    negativeList: settings.negativeList,
  };
}

const transitionArgs = () => Args('input', { type: () => TransitionInput, nullable: true });

/** Thin: every decision is the service's. Relations go through per-request DataLoaders. */
@Resolver(() => AchievementObject)
export class AchievementResolver {
  constructor(
    private readonly service: AchievementsService,
    private readonly directory: DirectoryService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  // ------------------------------------------------------------ queries

  @Public()
  @Query(() => AchievementObject, {
    description: 'One achievement; public once LISTED, before that for its team and TTO',
  })
  achievement(@OptionalActor() actor: Actor | undefined, @Args('id', { type: () => ID }) id: string) {
    return this.service.findVisible(actor, id);
  }

  @Public()
  @Query(() => AchievementConnection, { description: 'Achievements the viewer may see, newest first' })
  achievements(@OptionalActor() actor: Actor | undefined, @Args() args: AchievementsArgs) {
    return this.service.list(actor, args.filter ?? {}, { first: args.first, after: args.after });
  }

  @Public()
  @Query(() => PublicNoticeObject, { description: '公示 page of an achievement under public notice (no login needed)' })
  async achievementPublicNotice(
    @Args('achievementId', { type: () => ID }) achievementId: string,
  ): Promise<PublicNoticeObject> {
    return toPublicNotice((await this.service.publicNotice(achievementId)).achievement);
  }

  @Public()
  @Query(() => PublicNoticeConnection, {
    description: '公示: achievements under public notice, the window ending soonest first (no login needed)',
  })
  async achievementPublicNotices(@Args() args: PublicNoticesArgs) {
    const page = await this.service.publicNotices({ institutionId: args.institutionId }, args);
    return mapConnection(page, toPublicNotice);
  }

  @Query(() => MyObjectionConnection, { description: 'The objections you filed to public notices, newest first' })
  async myObjections(@CurrentActor() actor: Actor, @Args() args: ConnectionArgs) {
    return mapConnection(await this.service.objectionsFiledBy(actor, args), toMyObjection);
  }

  @Query(() => String, { description: 'Evidence record (JSON) of the whole procedure, for the TTO and administrators' })
  async achievementEvidence(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return JSON.stringify(await this.service.exportEvidence(actor, id));
  }

  @Query(() => AchievementSettingsObject)
  async achievementSettings(
    @CurrentActor() actor: Actor,
    @Args('institutionId', { type: () => ID }) institutionId: string,
  ) {
    return toSettingsObject(await this.service.settings(actor, institutionId));
  }

  // ------------------------------------------------------------ fields

  @ResolveField(() => [InventorObject])
  inventors(@Parent() achievement: AchievementEntity, @Loaders() loaders: RequestLoaders) {
    return inventorsLoader(loaders, this.service).load(achievement.id);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  institution(@Parent() achievement: AchievementEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(achievement.institutionId);
  }

  @ResolveField(() => IndustryObject, { nullable: true })
  industry(@Parent() achievement: AchievementEntity, @Loaders() loaders: RequestLoaders) {
    return achievement.industryCode ? industryLoader(loaders, this.taxonomy).load(achievement.industryCode) : null;
  }

  @ResolveField(() => String, { nullable: true })
  async description(
    @Parent() a: AchievementEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() l: RequestLoaders,
  ) {
    return (await this.confidential(a, actor, l)) ? a.description : null;
  }

  @ResolveField(() => [FileMetadataObject], { nullable: true })
  async attachments(
    @Parent() a: AchievementEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() l: RequestLoaders,
  ) {
    return (await this.confidential(a, actor, l)) ? a.attachments : null;
  }

  @ResolveField(() => String, { nullable: true })
  async conversionPlan(
    @Parent() a: AchievementEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() l: RequestLoaders,
  ) {
    return (await this.confidential(a, actor, l)) ? a.conversionPlan : null;
  }

  @ResolveField(() => String, { nullable: true })
  async rejectionReason(
    @Parent() a: AchievementEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() l: RequestLoaders,
  ) {
    return (await this.followsWorkflow(a, actor, l)) ? a.rejectionReason : null;
  }

  @ResolveField(() => RightsProposalObject, { nullable: true, description: 'Team and TTO only (public during notice)' })
  async rightsProposal(
    @Parent() a: AchievementEntity,
    @OptionalActor() actor: Actor | undefined,
    @Loaders() l: RequestLoaders,
  ) {
    return (await this.followsWorkflow(a, actor, l)) ? proposalLoader(l, this.service).load(a.id) : null;
  }

  @ResolveField(() => NoticeWindowObject, { nullable: true, description: 'The current or last public notice window' })
  notice(@Parent() a: AchievementEntity): NoticeWindowObject | null {
    return a.noticeStartsAt && a.noticeEndsAt
      ? { round: a.noticeRound, startsAt: a.noticeStartsAt, endsAt: a.noticeEndsAt }
      : null;
  }

  @ResolveField(() => [TransitionObject], { description: 'Timeline of the workflow (team, TTO, administrators)' })
  timeline(@Parent() a: AchievementEntity, @CurrentActor() actor: Actor) {
    return this.service.timeline(actor, a.id);
  }

  @ResolveField(() => [ObjectionObject], { description: 'Objections (TTO of the institution, administrators)' })
  objections(@Parent() a: AchievementEntity, @CurrentActor() actor: Actor) {
    return this.service.objectionsOf(actor, a);
  }

  // ------------------------------------------------------------ drafts

  @Mutation(() => AchievementObject)
  createAchievement(@CurrentActor() actor: Actor, @Args('input') input: CreateAchievementInput) {
    return this.service.createDraft(actor, input);
  }

  @Mutation(() => ID, {
    description: 'Deletes a DRAFT (its team or TTO); returns its id. Submitted and listed achievements are kept.',
  })
  deleteAchievement(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.service.deleteDraft(actor, id);
  }

  @Mutation(() => AchievementObject, {
    description: 'Drafts: any field. Once rights are confirmed: the listing fields.',
  })
  updateAchievement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: AchievementFieldsInput,
  ) {
    return this.service.update(actor, id, input);
  }

  @Mutation(() => [InventorObject], { description: 'Replaces the inventors of a draft (resets every consent)' })
  setAchievementInventors(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('inventors', { type: () => [InventorInput] }) inventors: InventorInput[],
  ) {
    return this.service.setInventors(actor, id, inventors);
  }

  @Mutation(() => RightsProposalObject, { description: 'Sets the proposed split or use right (resets every consent)' })
  setAchievementRightsProposal(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: RightsProposalInput,
  ) {
    return this.service.setRightsProposal(actor, id, input);
  }

  @Mutation(() => InventorObject, {
    description: "Records the actor's consent, or a named inventor's with the signed document",
  })
  recordInventorConsent(
    @CurrentActor() actor: Actor,
    @Args('achievementId', { type: () => ID }) achievementId: string,
    @Args('inventorId', { type: () => ID, nullable: true }) inventorId?: string,
    @Args('documents', { type: () => [FileMetadataInput], nullable: true }) documents?: FileMetadataInput[],
  ) {
    return this.service.recordConsent(actor, achievementId, inventorId, documents ?? []);
  }

  @Mutation(() => AchievementSettingsObject)
  async updateAchievementSettings(
    @CurrentActor() actor: Actor,
    @Args('institutionId', { type: () => ID }) institutionId: string,
    @Args('input') input: AchievementSettingsInput,
  ) {
    return toSettingsObject(await this.service.updateSettings(actor, institutionId, input));
  }

  // ------------------------------------------------------------ workflow

  @Mutation(() => AchievementObject)
  submitAchievement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.SUBMIT, input);
  }

  @Mutation(() => AchievementObject, {
    description: 'Approves the current review stage (eligibility, department, TTO)',
  })
  approveAchievementStage(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.APPROVE, input);
  }

  @Mutation(() => AchievementObject, { description: 'Returns it to DRAFT; the comment (reason) is required and kept' })
  rejectAchievement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.REJECT, input);
  }

  @Mutation(() => MyObjectionObject, {
    description:
      'Objection during the public notice (verified accounts; a reason of at most 2000 characters; one open objection per person and notice). Answers an acknowledgement: the TTO triages it',
  })
  @RateLimit('objection')
  async fileAchievementObjection(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ): Promise<MyObjectionObject> {
    return toMyObjection(await this.service.fileObjection(actor, id, reason));
  }

  @Mutation(() => ObjectionObject, {
    description:
      "The institution's TTO (or an administrator) triages an objection: uphold (back to TTO review) or dismiss (the notice runs on)",
  })
  triageAchievementObjection(
    @CurrentActor() actor: Actor,
    @Args('objectionId', { type: () => ID }) objectionId: string,
    @Args('uphold') uphold: boolean,
    @Args('resolution') resolution: string,
  ) {
    return this.service.triageObjection(actor, objectionId, { uphold, resolution: resolution.slice(0, 2000) });
  }

  @Mutation(() => AchievementObject, { description: '赋权协议 signed (the share or use term of the proposal)' })
  signRightsAgreement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.SIGN_AGREEMENT, input);
  }

  @Mutation(() => AchievementObject)
  confirmAchievementRights(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.CONFIRM_RIGHTS, input);
  }

  @Mutation(() => AchievementObject, { description: '学校所有: the TTO confirms institution ownership, skipping 赋权' })
  confirmInstitutionOwned(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.CONFIRM_INSTITUTION_OWNED, input);
  }

  @Mutation(() => AchievementObject)
  listAchievement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.LIST, input);
  }

  @Mutation(() => AchievementObject)
  withdrawAchievement(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.WITHDRAW, input);
  }

  @Mutation(() => AchievementObject)
  markAchievementInNegotiation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.START_NEGOTIATION, input);
  }

  @Mutation(() => AchievementObject, { description: 'Negotiation ended without a deal: back to LISTED' })
  endAchievementNegotiation(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.END_NEGOTIATION, input);
  }

  @Mutation(() => AchievementObject)
  markAchievementTransferred(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.MARK_TRANSFERRED, input);
  }

  @Mutation(() => AchievementObject, {
    description: 'The owner or TTO confirms the listing is current (brings back STALE)',
  })
  reconfirmListing(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @transitionArgs() input?: TransitionInput,
  ) {
    return this.service.fire(actor, id, WorkflowEvent.RECONFIRM, input);
  }

  // ------------------------------------------------------------ helpers

  private async confidential(
    a: AchievementEntity,
    actor: Actor | undefined,
    loaders: RequestLoaders,
  ): Promise<boolean> {
    if (!actor) return false;
    // Decided (and, for a broker or a party, logged) once per achievement and request, not once per field.
    const decisions = loaders.get(
      `achievements.confidential:${actor.userId}`,
      () =>
        new DataLoader<AchievementEntity, boolean, string>(
          async (rows) =>
            this.service.canSeeConfidentialOfEach(
              actor,
              await Promise.all(
                rows.map(async (row) => ({
                  achievement: row,
                  inventors: await inventorsLoader(loaders, this.service).load(row.id),
                })),
              ),
            ),
          { cacheKeyFn: (row) => row.id },
        ),
    );
    return decisions.load(a);
  }

  private async followsWorkflow(
    a: AchievementEntity,
    actor: Actor | undefined,
    loaders: RequestLoaders,
  ): Promise<boolean> {
    if (!actor) return false;
    return canFollowWorkflow(actor, a, await inventorsLoader(loaders, this.service).load(a.id));
  }
}

/** What `confidential` and `followsWorkflow` read: the id (for the inventors) and the access columns. */
const ACCESS_CHECK_COLUMNS = ['id', ...ACHIEVEMENT_ACCESS_COLUMNS] as const;

/**
 * The columns of its parent achievement each field resolver above reads. Loaders that read only the columns a
 * query selects (search hits) go by it: change it with the resolver. A field resolver left out loads every column.
 */
export const ACHIEVEMENT_FIELD_COLUMNS = fieldResolverColumns<AchievementEntity>(AchievementResolver, {
  inventors: ['id'],
  institution: ['institutionId'],
  industry: ['industryCode'],
  description: ['description', ...ACCESS_CHECK_COLUMNS],
  attachments: ['attachments', ...ACCESS_CHECK_COLUMNS],
  conversionPlan: ['conversionPlan', ...ACCESS_CHECK_COLUMNS],
  rejectionReason: ['rejectionReason', ...ACCESS_CHECK_COLUMNS],
  rightsProposal: ACCESS_CHECK_COLUMNS,
  notice: ['noticeRound', 'noticeStartsAt', 'noticeEndsAt'],
  // The service reloads the achievement by id for its own check.
  timeline: ['id'],
  objections: ['id', 'institutionId'],
});

function toPublicNotice(achievement: AchievementEntity): PublicNoticeObject {
  return {
    achievementId: achievement.id,
    title: achievement.title,
    summary: achievement.summary,
    institutionId: achievement.institutionId,
    window: {
      round: achievement.noticeRound,
      startsAt: achievement.noticeStartsAt!,
      endsAt: achievement.noticeEndsAt!,
    },
  };
}

/** What anyone may see of a notice beyond its own row: the institution, the team with shares, the proposed split. */
@Resolver(() => PublicNoticeObject)
export class PublicNoticeResolver {
  constructor(
    private readonly service: AchievementsService,
    private readonly directory: DirectoryService,
  ) {}

  @ResolveField(() => String)
  async institutionName(@Parent() notice: PublicNoticeObject, @Loaders() loaders: RequestLoaders) {
    return (await organisationLoader(loaders, this.directory).load(notice.institutionId))?.name ?? '';
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  institution(@Parent() notice: PublicNoticeObject, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(notice.institutionId);
  }

  @ResolveField(() => [InventorObject], { description: 'The team with their contribution shares' })
  team(@Parent() notice: PublicNoticeObject, @Loaders() loaders: RequestLoaders) {
    return inventorsLoader(loaders, this.service).load(notice.achievementId);
  }

  @ResolveField(() => RightsProposalObject, { nullable: true, description: 'The proposed split or use right' })
  proposal(@Parent() notice: PublicNoticeObject, @Loaders() loaders: RequestLoaders) {
    return proposalLoader(loaders, this.service).load(notice.achievementId);
  }
}

/** Titles and statuses of achievements by id, batched: what an objector may know of what they objected to. */
function titlesLoader(loaders: RequestLoaders, service: AchievementsService) {
  return loaders.get(
    'achievements.titles',
    () =>
      new DataLoader<string, { title: string; status: AchievementStatus } | null>(async (ids) =>
        byKeys(ids, await service.titlesOf(ids), (row) => row.id),
      ),
  );
}

/** Objections: the subject's title, which was public when the objection was filed. */
@Resolver(() => MyObjectionObject)
export class MyObjectionResolver {
  constructor(private readonly service: AchievementsService) {}

  @ResolveField(() => String, { description: 'The title of the achievement objected to' })
  async achievementTitle(@Parent() objection: MyObjectionObject, @Loaders() loaders: RequestLoaders) {
    return (await titlesLoader(loaders, this.service).load(objection.achievementId))?.title ?? '';
  }

  @ResolveField(() => Boolean, { description: 'Whether the achievement is under public notice now' })
  async underNotice(@Parent() objection: MyObjectionObject, @Loaders() loaders: RequestLoaders) {
    const row = await titlesLoader(loaders, this.service).load(objection.achievementId);
    return row?.status === AchievementStatus.PUBLIC_NOTICE;
  }
}

/** What the objector sees of their objection: it and what became of it, never the achievement. */
function toMyObjection(row: AchievementObjectionEntity): MyObjectionObject {
  return {
    id: row.id,
    achievementId: row.achievementId,
    reason: row.reason,
    noticeRound: row.noticeRound,
    createdAt: row.createdAt,
    status: row.resolvedAt ? ObjectionStatus.RESOLVED : ObjectionStatus.PENDING,
    outcome: row.outcome,
    resolution: row.resolution,
    resolvedAt: row.resolvedAt,
  };
}
