import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, RequestLoaders } from '@app/core';
import type { ExpertEntity } from '@app/experts';
import { fileUrl, type StoredFileEntity } from '@app/files';
import { Actor, CurrentActor, DirectoryService, Loaders, OrganisationObject, organisationLoader } from '@app/identity';
import { ExpertCallEntity, ExpertCallInvitationEntity } from './entities/expert-call.entities';
import {
  AnswerExpertCallInvitationInput,
  CreateExpertCallInput,
  InviteExpertsInput,
  SubmitExpertCallResponseInput,
} from './expert-calls.inputs';
import {
  ExpertCallInvitationObject,
  ExpertCallObject,
  ExpertCallProposalObject,
  ExpertCallResponseAttachmentObject,
} from './expert-calls.objects';
import { ExpertCallsService } from './expert-calls.service';

/** The bureau's calls for experts and the invited experts' side of them. */
@Resolver(() => ExpertCallObject)
export class ExpertCallsResolver {
  constructor(private readonly calls: ExpertCallsService) {}

  @Query(() => [ExpertCallObject], { description: 'The bureau: every call for experts, latest first' })
  expertCalls(@CurrentActor() actor: Actor) {
    return this.calls.list(actor);
  }

  @Query(() => ExpertCallObject, { description: 'A call: the bureau, and experts invited to it once it is open' })
  expertCall(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.calls.get(actor, id);
  }

  @Query(() => [ExpertCallProposalObject], {
    description: 'The bureau: public experts the search index ranks for the call, with the words they matched',
  })
  expertCallProposals(@CurrentActor() actor: Actor, @Args('callId', { type: () => ID }) callId: string) {
    return this.calls.proposals(actor, callId);
  }

  @Query(() => [ExpertCallInvitationObject], { description: 'The bureau: invitations, answers and responses' })
  expertCallInvitations(@CurrentActor() actor: Actor, @Args('callId', { type: () => ID }) callId: string) {
    return this.calls.invitations(actor, callId);
  }

  @Query(() => [ExpertCallInvitationObject], {
    description: 'The bureau: who contributed (accepted and responded), earliest response first',
  })
  expertCallContributors(@CurrentActor() actor: Actor, @Args('callId', { type: () => ID }) callId: string) {
    return this.calls.contributors(actor, callId);
  }

  @Query(() => [ExpertCallInvitationObject], { description: 'The viewer’s invitations to calls for experts' })
  myExpertCallInvitations(@CurrentActor() actor: Actor) {
    return this.calls.mine(actor);
  }

  @Mutation(() => ExpertCallObject, { description: 'The bureau posts a draft call for experts' })
  createExpertCall(@CurrentActor() actor: Actor, @Args('input') input: CreateExpertCallInput) {
    return this.calls.create(actor, input);
  }

  @Mutation(() => ExpertCallObject, { description: 'The bureau opens a draft call (invitations can go out)' })
  openExpertCall(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.calls.open(actor, id);
  }

  @Mutation(() => ExpertCallObject, { description: 'The bureau closes a call (no more answers or responses)' })
  closeExpertCall(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.calls.close(actor, id);
  }

  @Mutation(() => [ExpertCallInvitationObject], {
    description: 'The bureau invites experts to an open call (each notified once, in-app and by email)',
  })
  inviteExpertsToCall(@CurrentActor() actor: Actor, @Args('input') input: InviteExpertsInput) {
    return this.calls.invite(actor, input);
  }

  @Mutation(() => ExpertCallInvitationObject, { description: 'The invited expert accepts or declines' })
  answerExpertCallInvitation(@CurrentActor() actor: Actor, @Args('input') input: AnswerExpertCallInvitationInput) {
    return this.calls.answer(actor, input);
  }

  @Mutation(() => ExpertCallInvitationObject, {
    description: 'An expert who accepted submits (or replaces) their response before the deadline',
  })
  submitExpertCallResponse(@CurrentActor() actor: Actor, @Args('input') input: SubmitExpertCallResponseInput) {
    return this.calls.respond(actor, input);
  }
}

/** Fields of an invitation: only the bureau and the invited expert ever receive one. */
@Resolver(() => ExpertCallInvitationObject)
export class ExpertCallInvitationResolver {
  constructor(
    private readonly calls: ExpertCallsService,
    private readonly directory: DirectoryService,
  ) {}

  @ResolveField(() => ExpertCallObject)
  async call(@Parent() invitation: ExpertCallInvitationEntity, @Loaders() loaders: RequestLoaders) {
    const loader = loaders.get(
      'expertCalls.call',
      () =>
        new DataLoader<string, ExpertCallEntity | null>(async (ids) =>
          byKeys(ids, await this.calls.callsByIds(ids), (c) => c.id),
        ),
    );
    return loader.load(invitation.callId);
  }

  @ResolveField(() => String, { description: 'The expert’s name on their profile' })
  async expertName(@Parent() invitation: ExpertCallInvitationEntity, @Loaders() loaders: RequestLoaders) {
    return (await this.expertLoader(loaders).load(invitation.expertId))?.name ?? '';
  }

  @ResolveField(() => OrganisationObject, { nullable: true, description: 'The expert’s institution' })
  async organisation(@Parent() invitation: ExpertCallInvitationEntity, @Loaders() loaders: RequestLoaders) {
    const expert = await this.expertLoader(loaders).load(invitation.expertId);
    return expert ? organisationLoader(loaders, this.directory).load(expert.organisationId) : null;
  }

  @ResolveField(() => [ExpertCallResponseAttachmentObject], { description: 'Files attached to the response' })
  async responseAttachments(
    @Parent() invitation: ExpertCallInvitationEntity,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ExpertCallResponseAttachmentObject[]> {
    const loader = loaders.get(
      'expertCalls.responseFiles',
      () =>
        new DataLoader<string, StoredFileEntity[]>(async (ids) => {
          const files = await this.calls.responseFiles(ids);
          return ids.map((id) => files.filter((file) => file.ownerId === id));
        }),
    );
    return (await loader.load(invitation.id)).map((file) => ({
      fileId: file.id,
      name: file.name,
      url: fileUrl(file.id),
      contentType: file.contentType,
      sizeBytes: file.sizeBytes,
    }));
  }

  private expertLoader(loaders: RequestLoaders) {
    return loaders.get(
      'expertCalls.expert',
      () =>
        new DataLoader<string, ExpertEntity | null>(async (ids) =>
          byKeys(ids, await this.calls.expertsByIds(ids), (e) => e.id),
        ),
    );
  }
}
