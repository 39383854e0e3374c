import { Args, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, groupedByKeys, mapConnection, RateLimit, RequestLoaders } from '@app/core';
import { Actor, CurrentActor, Loaders, Public } from '@app/identity';
import { acknowledgementsLoader } from './brokerage-links.resolver';
import { BrokerageSettingsService } from './brokerage-settings.service';
import {
  AgencySettingsHistoryArgs,
  AmendDealRegistrationInput,
  AgencySettingsInput,
  AnswerIntroductionInput,
  DealAmountsInput,
  DealsArgs,
  DealTaskInput,
  EntrustInput,
  IntroductionsArgs,
  MoveDealInput,
  PriceNoticesArgs,
  ProposeIntroductionInput,
  WorkQueueArgs,
} from './brokerage.input';
import {
  BrokerAgencySettingsChangeObject,
  BrokerAgencySettingsObject,
  BrokerProfileObject,
  BrokerWorkQueueObject,
  ContactPersonObject,
  DealActivityObject,
  DealAmendmentObject,
  DealConnection,
  DealObject,
  DealReminderObject,
  DealTaskObject,
  EntrustmentObject,
  IntroductionAcknowledgementObject,
  IntroductionConnection,
  IntroductionObject,
  IntroductionRevealObject,
  ListingFeedbackObject,
  MatchClaimObject,
  PriceNoticeConnection,
  PriceNoticeObject,
} from './brokerage.object';
import { ClaimsService } from './claims.service';
import { DealsService, PriceNotice } from './deals.service';
import { DealRole, DealStage } from './domain/deal-workflow';
import { IntroductionSide } from './domain/introduction-consent';
import { DealActivityEntity, DealAmendmentEntity, DealEntity, DealTaskEntity } from './entities/deal.entity';
import { EntrustedSubject } from './entities/entrustment.entity';
import { IntroductionEntity } from './entities/introduction.entity';
import { EntrustmentsService } from './entrustments.service';
import { IntroductionsService } from './introductions.service';

const SIDE_LIST = 50;

@Resolver(() => BrokerWorkQueueObject)
export class BrokerageResolver {
  constructor(
    private readonly entrustmentsService: EntrustmentsService,
    private readonly claims: ClaimsService,
    private readonly settings: BrokerageSettingsService,
  ) {}

  @Mutation(() => [EntrustmentObject], {
    description: '委托: entrust an achievement (its team/TTO) or a demand (its enterprise)',
  })
  entrust(@CurrentActor() actor: Actor, @Args('input') input: EntrustInput) {
    return this.entrustmentsService.entrust(actor, input);
  }

  @Mutation(() => EntrustmentObject)
  revokeEntrustment(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.entrustmentsService.revoke(actor, id);
  }

  @Query(() => [EntrustmentObject], {
    description: 'Active entrustments of a listing (owners, trustees, administrators)',
  })
  entrustments(
    @CurrentActor() actor: Actor,
    @Args('subjectType', { type: () => EntrustedSubject }) subjectType: EntrustedSubject,
    @Args('subjectId', { type: () => ID }) subjectId: string,
  ) {
    return this.entrustmentsService.forSubject(actor, subjectType, subjectId);
  }

  @Query(() => BrokerWorkQueueObject, { description: "The broker's work queue" })
  async brokerWorkQueue(@CurrentActor() actor: Actor, @Args() args: WorkQueueArgs) {
    const { industryCode, institutionId, maxAgeDays, interestOnly, ...page } = args;
    const [matches, entrustments, claims] = await Promise.all([
      this.claims.workQueue(actor, page, { industryCode, institutionId, maxAgeDays, interestOnly }),
      this.entrustmentsService.forBroker(actor, SIDE_LIST),
      this.claims.myClaims(actor, SIDE_LIST),
    ]);
    return { matches, entrustments, claims };
  }

  @Mutation(() => MatchClaimObject, { description: 'Claim a match exclusively for the agency claim period' })
  claimMatch(@CurrentActor() actor: Actor, @Args('matchId', { type: () => ID }) matchId: string) {
    return this.claims.claim(actor, matchId);
  }

  @Mutation(() => MatchClaimObject)
  releaseClaim(@CurrentActor() actor: Actor, @Args('claimId', { type: () => ID }) claimId: string) {
    return this.claims.release(actor, claimId);
  }

  @Mutation(() => BrokerProfileObject, { description: 'The industries your work queue shows' })
  setBrokerIndustries(
    @CurrentActor() actor: Actor,
    @Args('industryCodes', { type: () => [String] }) industryCodes: string[],
  ) {
    return this.settings.setIndustries(actor, industryCodes.slice(0, 50));
  }

  @Query(() => BrokerAgencySettingsObject)
  brokerAgencySettings(@CurrentActor() actor: Actor, @Args('agencyId', { type: () => ID }) agencyId: string) {
    return this.settings.agencySettingsFor(actor, agencyId);
  }

  @Mutation(() => BrokerAgencySettingsObject, {
    description: "Change the agency's settings (its administrators and platform administrators; audited)",
  })
  updateBrokerAgencySettings(@CurrentActor() actor: Actor, @Args('input') input: AgencySettingsInput) {
    const { agencyId, ...rest } = input;
    return this.settings.updateAgencySettings(actor, agencyId, rest);
  }

  @Query(() => [BrokerAgencySettingsChangeObject], {
    description:
      "The audit trail of an agency's settings, newest first (its administrators and platform administrators)",
  })
  async brokerAgencySettingsHistory(
    @CurrentActor() actor: Actor,
    @Args() args: AgencySettingsHistoryArgs,
  ): Promise<BrokerAgencySettingsChangeObject[]> {
    const rows = await this.settings.agencySettingsChanges(actor, args.agencyId, args.first);
    return rows.map((row) => ({
      id: row.id,
      agencyId: row.agencyId,
      changedById: row.changedById,
      changedAt: row.changedAt,
      changes: Object.keys(row.after)
        .sort()
        .map((setting) => ({
          setting,
          before: row.before[setting] ?? null,
          after: row.after[setting] ?? null,
        })),
    }));
  }
}

@Resolver(() => IntroductionObject)
export class IntroductionResolver {
  constructor(
    private readonly introductions: IntroductionsService,
    private readonly deals: DealsService,
  ) {}

  @Mutation(() => IntroductionObject)
  proposeIntroduction(@CurrentActor() actor: Actor, @Args('input') input: ProposeIntroductionInput) {
    return this.introductions.propose(actor, input);
  }

  @Mutation(() => IntroductionObject, { description: 'Accept, or decline with a reason from the fixed list' })
  answerIntroduction(@CurrentActor() actor: Actor, @Args('input') input: AnswerIntroductionInput) {
    const { introductionId, ...answer } = input;
    return this.introductions.answer(actor, introductionId, answer);
  }

  @Mutation(() => IntroductionObject, { description: 'The click-through confidentiality acknowledgement (recorded)' })
  acknowledgeIntroductionConfidentiality(
    @CurrentActor() actor: Actor,
    @Args('introductionId', { type: () => ID }) id: string,
    @Args('side', { type: () => IntroductionSide, nullable: true }) side?: IntroductionSide,
  ) {
    return this.introductions.acknowledge(actor, id, side);
  }

  @Mutation(() => IntroductionObject)
  withdrawIntroduction(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.introductions.withdraw(actor, id);
  }

  @Query(() => IntroductionObject)
  introduction(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.introductions.get(actor, id);
  }

  @Query(() => IntroductionConnection, { description: 'Introductions you proposed or are a party of' })
  introductionsList(@CurrentActor() actor: Actor, @Args() args: IntroductionsArgs) {
    return this.introductions.list(actor, { status: args.status }, args);
  }

  @Query(() => [IntroductionRevealObject], { description: 'Who was shown what through this introduction' })
  introductionReveals(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.introductions.reveals(actor, id);
  }

  @Query(() => [ListingFeedbackObject], { description: "Declines of your organisation's listings, newest first" })
  listingFeedback(
    @CurrentActor() actor: Actor,
    @Args('organisationId', { type: () => ID }) organisationId: string,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ) {
    return this.introductions.feedbackFor(actor, organisationId, Math.min(Math.max(first, 1), 100));
  }

  @ResolveField(() => [IntroductionAcknowledgementObject])
  acknowledgements(@Parent() introduction: IntroductionEntity, @Loaders() loaders: RequestLoaders) {
    return acknowledgementsLoader(loaders, this.introductions).load(introduction.id);
  }

  @ResolveField(() => DealObject, { nullable: true })
  deal(@Parent() introduction: IntroductionEntity, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'brokerage.dealOfIntroduction',
        () =>
          new DataLoader<string, DealEntity | null>(async (ids) =>
            byKeys(ids, await this.deals.dealsOfIntroductions(ids), (row) => row.introductionId),
          ),
      )
      .load(introduction.id);
  }

  @ResolveField(() => [ContactPersonObject], {
    nullable: true,
    description:
      "The other side's contacts: only once both accepted and acknowledged, to those who acknowledged (logged)",
  })
  counterpartContacts(@Parent() introduction: IntroductionEntity, @CurrentActor() actor: Actor) {
    return this.introductions.counterpartContacts(actor, introduction);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The demand's confidential details when revealed to you (logged)",
  })
  demandConfidentialDetails(@Parent() introduction: IntroductionEntity, @CurrentActor() actor: Actor) {
    return this.introductions.demandConfidentialDetails(actor, introduction);
  }
}

@Resolver(() => DealObject)
export class DealResolver {
  constructor(private readonly dealsService: DealsService) {}

  @Query(() => DealObject)
  deal(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.dealsService.get(actor, id);
  }

  @Query(() => DealConnection, { description: 'Deals you broker or are a party of (all for administrators)' })
  deals(@CurrentActor() actor: Actor, @Args() args: DealsArgs) {
    return this.dealsService.list(actor, { stage: args.stage }, args);
  }

  @Mutation(() => DealObject, { description: 'Move a deal to its next stage, or CLOSED_LOST with a reason' })
  moveDeal(@CurrentActor() actor: Actor, @Args('input') input: MoveDealInput) {
    const { dealId, ...move } = input;
    return this.dealsService.move(actor, dealId, move);
  }

  @Mutation(() => DealObject, {
    description: '暂停: put the deal on hold with a reason (its broker); no idle reminders until it resumes or moves',
  })
  holdDeal(
    @CurrentActor() actor: Actor,
    @Args('dealId', { type: () => ID }) dealId: string,
    @Args('reason') reason: string,
  ) {
    return this.dealsService.hold(actor, dealId, reason.slice(0, 2000));
  }

  @Mutation(() => DealObject, { description: 'Resume a deal on hold (its broker)' })
  resumeDeal(@CurrentActor() actor: Actor, @Args('dealId', { type: () => ID }) dealId: string) {
    return this.dealsService.resume(actor, dealId);
  }

  @Mutation(() => DealObject, {
    description:
      "Corrects a registered contract (its broker or an ADMIN, with a reason): an audited amendment on the deal's timeline",
  })
  amendDealRegistration(@CurrentActor() actor: Actor, @Args('input') input: AmendDealRegistrationInput) {
    return this.dealsService.amendRegistration(actor, input);
  }

  @Mutation(() => DealObject)
  setDealAmounts(@CurrentActor() actor: Actor, @Args('input') input: DealAmountsInput) {
    const { dealId, ...amounts } = input;
    return this.dealsService.setAmounts(actor, dealId, amounts);
  }

  @Mutation(() => DealObject, {
    description: 'Attaches files you uploaded (POST /files) to the deal: signed agreements, contracts',
  })
  attachDealDocuments(
    @CurrentActor() actor: Actor,
    @Args('dealId', { type: () => ID }) dealId: string,
    @Args('fileIds', { type: () => [ID] }) fileIds: string[],
  ) {
    return this.dealsService.attachDocuments(actor, dealId, fileIds.slice(0, 20));
  }

  @Mutation(() => DealActivityObject)
  addDealNote(
    @CurrentActor() actor: Actor,
    @Args('dealId', { type: () => ID }) dealId: string,
    @Args('body') body: string,
  ) {
    return this.dealsService.addNote(actor, dealId, body.slice(0, 10_000));
  }

  @Mutation(() => DealTaskObject)
  addDealTask(@CurrentActor() actor: Actor, @Args('input') input: DealTaskInput) {
    return this.dealsService.addTask(actor, input.dealId, input);
  }

  @Mutation(() => DealTaskObject)
  completeDealTask(@CurrentActor() actor: Actor, @Args('taskId', { type: () => ID }) taskId: string) {
    return this.dealsService.completeTask(actor, taskId);
  }

  @Mutation(() => DealObject, { description: '协议定价公示: publish the agreed price for the notice period' })
  publishDealPriceNotice(
    @CurrentActor() actor: Actor,
    @Args('dealId', { type: () => ID }) dealId: string,
    @Args('agreedPriceWan', { type: () => Number, nullable: true }) agreedPriceWan?: number,
  ) {
    return this.dealsService.publishPriceNotice(actor, dealId, agreedPriceWan);
  }

  @Mutation(() => Boolean)
  @RateLimit('objection')
  async objectToPriceNotice(
    @CurrentActor() actor: Actor,
    @Args('dealId', { type: () => ID }) dealId: string,
    @Args('reason') reason: string,
  ) {
    await this.dealsService.objectToPriceNotice(actor, dealId, reason);
    return true;
  }

  @Public()
  @Query(() => PriceNoticeConnection, { description: '协议定价公示: running (or past) price notices, public' })
  async priceNotices(@Args() args: PriceNoticesArgs) {
    const page = await this.dealsService.priceNotices({ status: args.status, achievementId: args.achievementId }, args);
    return mapConnection(page, toPriceNotice);
  }

  @Public()
  @Query(() => PriceNoticeObject, { description: "A deal's price notice (its latest round), public once published" })
  async priceNotice(@Args('dealId', { type: () => ID }) dealId: string) {
    return toPriceNotice(await this.dealsService.priceNotice(dealId));
  }

  @Query(() => [DealReminderObject], { description: 'Your idle-deal reminders, newest first' })
  dealReminders(@CurrentActor() actor: Actor, @Args('first', { type: () => Int, defaultValue: 50 }) first: number) {
    return this.dealsService.remindersFor(actor, Math.min(Math.max(first, 1), 100));
  }

  @ResolveField(() => [DealActivityObject], { description: 'The timeline, oldest first' })
  timeline(@Parent() deal: DealEntity, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'brokerage.dealActivities',
        () =>
          new DataLoader<string, DealActivityEntity[]>(async (ids) =>
            groupedByKeys(ids, await this.dealsService.activitiesOf(ids), (row) => row.dealId),
          ),
      )
      .load(deal.id);
  }

  @ResolveField(() => [DealAmendmentObject], { description: 'Corrections of the registration, oldest first' })
  amendments(@Parent() deal: DealEntity, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'brokerage.dealAmendments',
        () =>
          new DataLoader<string, DealAmendmentEntity[]>(async (ids) =>
            groupedByKeys(ids, await this.dealsService.amendmentsOf(ids), (row) => row.dealId),
          ),
      )
      .load(deal.id);
  }

  @ResolveField(() => [DealTaskObject])
  tasks(@Parent() deal: DealEntity, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'brokerage.dealTasks',
        () =>
          new DataLoader<string, DealTaskEntity[]>(async (ids) =>
            groupedByKeys(ids, await this.dealsService.tasksOf(ids), (row) => row.dealId),
          ),
      )
      .load(deal.id);
  }

  @ResolveField(() => [DealStage], { description: 'Stages you may move it to now' })
  allowedStages(@Parent() deal: DealEntity, @CurrentActor() actor: Actor) {
    return this.dealsService.allowedStages(actor, deal);
  }

  @ResolveField(() => [DealRole], { description: 'What you are to this deal' })
  async myRoles(@Parent() deal: DealEntity, @CurrentActor() actor: Actor) {
    return [...(await this.dealsService.rolesOf(actor, deal))];
  }
}

function toPriceNotice({ deal, achievementTitle }: PriceNotice): PriceNoticeObject {
  return {
    dealId: deal.id,
    achievementId: deal.targetId,
    achievementTitle,
    institutionId: deal.targetOrganisationId,
    agreedPriceWan: deal.agreedPriceWan!,
    round: deal.priceNoticeRound,
    status: deal.priceNoticeStatus,
    startsAt: deal.priceNoticeStartsAt!,
    endsAt: deal.priceNoticeEndsAt!,
  };
}
