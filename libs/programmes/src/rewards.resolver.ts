import { Args, Float, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, groupedByKeys, mapConnection, RequestLoaders } from '@app/core';
import { fileUrl } from '@app/files';
import { Actor, CurrentActor, DirectoryService, Loaders, OrganisationObject, organisationLoader } from '@app/identity';
import { RewardApplicationEntity, RewardRuleVersionEntity } from './entities/reward.entities';
import {
  CreateRewardRuleVersionInput,
  RecordRewardPaymentInput,
  RewardApplicationsArgs,
  RewardTotalsArgs,
  UpdateRewardApplicationInput,
} from './programmes.inputs';
import {
  RewardApplicationConnection,
  RewardApplicationEventObject,
  RewardApplicationObject,
  RewardEvidenceObject,
  RewardRuleVersionObject,
  RewardTotalsRowObject,
} from './programmes.objects';
import { RewardsService } from './rewards.service';

type ApplicationRow = RewardApplicationObject & RewardApplicationEntity;

const toObject = (application: RewardApplicationEntity): ApplicationRow =>
  Object.assign(new RewardApplicationObject(), application, { prefillJson: JSON.stringify(application.prefill) });

/** Transfer rewards (赋权成果转化奖励); the service decides who may do what. */
@Resolver(() => RewardApplicationObject)
export class RewardsResolver {
  constructor(
    private readonly rewards: RewardsService,
    private readonly directory: DirectoryService,
  ) {}

  @Query(() => [RewardRuleVersionObject], {
    description: 'Every version of the reward rules, latest first (policy: any signed-in user)',
  })
  rewardRuleVersions(@CurrentActor() _actor: Actor): Promise<RewardRuleVersionEntity[]> {
    return this.rewards.ruleVersions();
  }

  @Mutation(() => RewardRuleVersionObject, { description: 'A new version of the reward rules (ADMIN)' })
  createRewardRuleVersion(@CurrentActor() actor: Actor, @Args('input') input: CreateRewardRuleVersionInput) {
    return this.rewards.createRuleVersion(actor, {
      ...input,
      terms: {
        ...input.terms,
        capPerItemWan: input.terms.capPerItemWan ?? null,
        capPerYearWan: input.terms.capPerYearWan ?? null,
      },
    });
  }

  @Query(() => RewardApplicationObject)
  async rewardApplication(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toObject(await this.rewards.get(actor, id));
  }

  @Query(() => RewardApplicationConnection, {
    description:
      'Applications the viewer may see (administrators: all; TTO: its institution’s; team: its achievements’), newest first',
  })
  async rewardApplications(@CurrentActor() actor: Actor, @Args() args: RewardApplicationsArgs) {
    return mapConnection(
      await this.rewards.list(
        actor,
        { status: args.status, awardYear: args.awardYear, institutionId: args.institutionId },
        args,
      ),
      toObject,
    );
  }

  @Mutation(() => RewardApplicationObject, { description: 'Note and evidence (the institution’s TTO or the team)' })
  async updateRewardApplication(@CurrentActor() actor: Actor, @Args('input') input: UpdateRewardApplicationInput) {
    return toObject(await this.rewards.update(actor, input.applicationId, input));
  }

  @Mutation(() => RewardApplicationObject, {
    description:
      'Remove one piece of evidence and delete its file (the institution’s TTO or the team, while DRAFT or RETURNED)',
  })
  async removeRewardEvidence(
    @CurrentActor() actor: Actor,
    @Args('applicationId', { type: () => ID }) applicationId: string,
    @Args('fileId', { type: () => ID }) fileId: string,
  ) {
    return toObject(await this.rewards.removeEvidence(actor, applicationId, fileId));
  }

  @Mutation(() => RewardApplicationObject, { description: 'Submit once every required piece of evidence is attached' })
  async submitRewardApplication(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return toObject(await this.rewards.submit(actor, id));
  }

  @Mutation(() => RewardApplicationObject, { description: 'Approve with an amount within the caps (ADMIN)' })
  async approveRewardApplication(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('amountWan', { type: () => Float }) amountWan: number,
    @Args('comment', { type: () => String, nullable: true }) comment?: string | null,
  ) {
    return toObject(await this.rewards.approve(actor, id, amountWan, comment));
  }

  @Mutation(() => RewardApplicationObject, { description: 'Return to the applicants with a reason (ADMIN)' })
  async returnRewardApplication(
    @CurrentActor() actor: Actor,
    @Args('id', { type: () => ID }) id: string,
    @Args('reason') reason: string,
  ) {
    return toObject(await this.rewards.returnToApplicants(actor, id, reason.slice(0, 4000)));
  }

  @Mutation(() => RewardApplicationObject, { description: 'Record the payment of an approved reward (ADMIN)' })
  async recordRewardPayment(@CurrentActor() actor: Actor, @Args('input') input: RecordRewardPaymentInput) {
    return toObject(await this.rewards.recordPayment(actor, input.applicationId, input));
  }

  @Query(() => [RewardTotalsRowObject], {
    description: 'Applications and amounts by year, institution or industry (ADMIN)',
  })
  rewardTotals(@CurrentActor() actor: Actor, @Args() args: RewardTotalsArgs) {
    return this.rewards.totals(actor, args.groupBy, args.awardYear);
  }

  // ---- nested (the parent was access-checked) ----

  @ResolveField(() => [RewardEvidenceObject])
  evidence(@Parent() application: ApplicationRow): RewardEvidenceObject[] {
    return application.evidence.map((item) => ({ ...item, url: fileUrl(item.fileId) }));
  }

  @ResolveField(() => RewardRuleVersionObject)
  ruleVersion(@Parent() application: ApplicationRow, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'programmes.ruleVersion',
        () =>
          new DataLoader<string, RewardRuleVersionEntity | null>(async (ids) =>
            byKeys(ids, await this.rewards.ruleVersionsByIds(ids), (v) => v.id),
          ),
      )
      .load(application.ruleVersionId);
  }

  @ResolveField(() => [RewardApplicationEventObject], { description: 'The application’s record, oldest first' })
  events(@Parent() application: ApplicationRow, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'programmes.rewardEvents',
        () =>
          new DataLoader<string, RewardApplicationEventObject[]>(async (ids) =>
            groupedByKeys(ids, await this.rewards.events(ids), (e) => e.applicationId),
          ),
      )
      .load(application.id);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  institution(@Parent() application: ApplicationRow, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(application.institutionId);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  enterprise(@Parent() application: ApplicationRow, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(application.enterpriseId);
  }

  @ResolveField(() => Float, {
    nullable: true,
    description: 'What is left of the institution’s cap for the award year',
  })
  yearCapRemainingWan(@Parent() application: ApplicationRow) {
    return this.rewards.yearRemaining(application);
  }
}
