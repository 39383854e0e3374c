import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, RequestLoaders } from '@app/core';
import { fileUrl, type StoredFileEntity } from '@app/files';
import { industryLoader, IndustryObject, TaxonomyService } from '@app/taxonomy';
import {
  Actor,
  CurrentActor,
  DirectoryService,
  loadPerson,
  Loaders,
  OrganisationObject,
  organisationLoader,
  PersonObject,
} from '@app/identity';
import {
  ConsortiumEntity,
  ConsortiumMemberEntity,
  ConsortiumMemberStatus,
  ConsortiumRole,
  ConsortiumSpaceReadEntity,
  ConsortiumStatus,
} from './entities/consortium.entities';
import {
  AddConsortiumMilestoneInput,
  AnswerConsortiumInvitationInput,
  AttachConsortiumDocumentsInput,
  CreateConsortiumInput,
  InviteConsortiumMembersInput,
  LinkConsortiumItemInput,
  SetConsortiumMilestoneDoneInput,
} from './consortia.inputs';
import {
  ConsortiumContractObject,
  ConsortiumDocumentObject,
  ConsortiumLinkObject,
  ConsortiumMemberObject,
  ConsortiumMilestoneObject,
  ConsortiumObject,
  ConsortiumOutputsObject,
  ConsortiumSpaceReadObject,
} from './consortia.objects';
import { ConsortiaService, ConsortiumLinkView, ConsortiumOutputs } from './consortia.service';

const linkObject = (view: ConsortiumLinkView): ConsortiumLinkObject => ({
  id: view.link.id,
  kind: view.link.kind,
  targetId: view.link.targetId,
  title: view.title,
  state: view.state,
  organisationId: view.organisationId,
  createdAt: view.link.createdAt,
});

const documentObject = (file: StoredFileEntity): ConsortiumDocumentObject => ({
  fileId: file.id,
  name: file.name,
  url: fileUrl(file.id),
  contentType: file.contentType,
  sizeBytes: file.sizeBytes,
  uploadedAt: file.createdAt,
});

/** Innovation consortia: the lead enterprise, invited organisations, the members-only space and the bureau. */
@Resolver(() => ConsortiumObject)
export class ConsortiaResolver {
  constructor(
    private readonly consortia: ConsortiaService,
    private readonly directory: DirectoryService,
    private readonly taxonomy: TaxonomyService,
  ) {}

  @Query(() => [ConsortiumObject], {
    name: 'consortia',
    description: 'The bureau: every innovation consortium (optionally of one status), latest first',
  })
  allConsortia(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => ConsortiumStatus, nullable: true }) status?: ConsortiumStatus | null,
  ) {
    return this.consortia.list(actor, status);
  }

  @Query(() => [ConsortiumObject], {
    description: 'The consortia the viewer’s organisations lead, joined or are invited to, latest first',
  })
  myConsortia(@CurrentActor() actor: Actor) {
    return this.consortia.mine(actor);
  }

  @Query(() => ConsortiumObject, { description: 'A consortium: its organisations’ people and the bureau' })
  consortium(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.consortia.get(actor, id);
  }

  @Query(() => [ConsortiumMemberObject], {
    description: 'Invitations to consortia waiting on organisations the viewer administers',
  })
  consortiumInvitations(@CurrentActor() actor: Actor) {
    return this.consortia.pendingInvitations(actor);
  }

  @Query(() => [ConsortiumDocumentObject], {
    description: 'The members-only space’s documents: accepted members’ people only; every read is logged',
  })
  async consortiumDocuments(@CurrentActor() actor: Actor, @Args('consortiumId', { type: () => ID }) id: string) {
    return (await this.consortia.documents(actor, id)).map(documentObject);
  }

  @Query(() => [ConsortiumMilestoneObject], {
    description: 'The members-only space’s milestones: accepted members’ people only; every read is logged',
  })
  consortiumMilestones(@CurrentActor() actor: Actor, @Args('consortiumId', { type: () => ID }) id: string) {
    return this.consortia.milestones(actor, id);
  }

  @Query(() => [ConsortiumSpaceReadObject], {
    description: 'Who read the members-only space and when: the lead enterprise’s people',
  })
  consortiumSpaceReads(@CurrentActor() actor: Actor, @Args('consortiumId', { type: () => ID }) id: string) {
    return this.consortia.spaceReads(actor, id);
  }

  @Query(() => ConsortiumOutputsObject, {
    description: 'The bureau: a consortium’s contracts (signed, registered) and linked listings',
  })
  async consortiumOutputs(
    @CurrentActor() actor: Actor,
    @Args('consortiumId', { type: () => ID }) id: string,
  ): Promise<ConsortiumOutputsObject> {
    const outputs: ConsortiumOutputs = await this.consortia.outputs(actor, id);
    return {
      contracts: outputs.contracts.map(({ deal, reason }): ConsortiumContractObject => ({
        dealId: deal.id,
        stage: deal.stage,
        reason,
        demandId: deal.demandId,
        demandOrganisationId: deal.demandOrganisationId,
        targetOrganisationId: deal.targetOrganisationId,
        contractValueWan: deal.contractValueWan,
        registrationNumber: deal.registrationNumber,
        registeredAt: deal.registeredAt,
      })),
      listings: outputs.listings.map(linkObject),
      demands: outputs.demands.map(linkObject),
      contractValueWan: outputs.contractValueWan,
    };
  }

  @Mutation(() => ConsortiumObject, { description: 'An enterprise’s member creates a consortium it leads (DRAFT)' })
  createConsortium(@CurrentActor() actor: Actor, @Args('input') input: CreateConsortiumInput) {
    return this.consortia.create(actor, input);
  }

  @Mutation(() => [ConsortiumMemberObject], {
    description: 'The lead enterprise’s people invite organisations (their administrators notified once)',
  })
  inviteConsortiumMembers(@CurrentActor() actor: Actor, @Args('input') input: InviteConsortiumMembersInput) {
    return this.consortia.invite(actor, input);
  }

  @Mutation(() => ConsortiumMemberObject, {
    description: 'The invited organisation’s administrator accepts or declines',
  })
  answerConsortiumInvitation(@CurrentActor() actor: Actor, @Args('input') input: AnswerConsortiumInvitationInput) {
    return this.consortia.answer(actor, input);
  }

  @Mutation(() => ConsortiumLinkObject, {
    description: 'A member links its own demand (enterprise) or listed achievement (institution)',
  })
  async linkConsortiumItem(@CurrentActor() actor: Actor, @Args('input') input: LinkConsortiumItemInput) {
    const link = await this.consortia.link(actor, input);
    const view = (await this.consortia.linkViews([link.consortiumId])).find((v) => v.link.id === link.id)!;
    return linkObject(view);
  }

  @Mutation(() => ConsortiumObject, { description: 'Removes a link (whoever linked it, or the lead’s people)' })
  unlinkConsortiumItem(@CurrentActor() actor: Actor, @Args('linkId', { type: () => ID }) linkId: string) {
    return this.consortia.unlink(actor, linkId);
  }

  @Mutation(() => [ConsortiumDocumentObject], {
    description: 'A member adds files uploaded through POST /files to the members-only space',
  })
  async attachConsortiumDocuments(@CurrentActor() actor: Actor, @Args('input') input: AttachConsortiumDocumentsInput) {
    return (await this.consortia.attachDocuments(actor, input)).map(documentObject);
  }

  @Mutation(() => ConsortiumMilestoneObject, { description: 'A member adds a milestone to the members-only space' })
  addConsortiumMilestone(@CurrentActor() actor: Actor, @Args('input') input: AddConsortiumMilestoneInput) {
    return this.consortia.addMilestone(actor, input);
  }

  @Mutation(() => ConsortiumMilestoneObject, { description: 'A member marks a milestone done (or not done)' })
  setConsortiumMilestoneDone(@CurrentActor() actor: Actor, @Args('input') input: SetConsortiumMilestoneDoneInput) {
    return this.consortia.setMilestoneDone(actor, input);
  }

  @Mutation(() => ConsortiumObject, { description: 'The bureau recognises an ACTIVE consortium (认定)' })
  recogniseConsortium(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.consortia.recognise(actor, id);
  }

  @Mutation(() => ConsortiumObject, { description: 'The lead enterprise’s people close the consortium' })
  closeConsortium(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.consortia.close(actor, id);
  }

  // ---- fields (the consortium was access-checked by the query that returned it) ----

  @ResolveField(() => OrganisationObject, { nullable: true, description: 'The leading enterprise (牵头单位)' })
  leadOrganisation(@Parent() consortium: ConsortiumEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(consortium.leadOrganisationId);
  }

  @ResolveField(() => IndustryObject, { nullable: true, description: 'The industry (its names), when one is set' })
  industry(@Parent() consortium: ConsortiumEntity, @Loaders() loaders: RequestLoaders) {
    return consortium.industryCode ? industryLoader(loaders, this.taxonomy).load(consortium.industryCode) : null;
  }

  @ResolveField(() => [ConsortiumMemberObject], { description: 'The organisations (declined ones too), lead first' })
  async members(@Parent() consortium: ConsortiumEntity, @Loaders() loaders: RequestLoaders) {
    return (await membersLoader(loaders, this.consortia).load(consortium.id)).sort(
      (a, b) => Number(b.role === ConsortiumRole.LEAD) - Number(a.role === ConsortiumRole.LEAD),
    );
  }

  @ResolveField(() => [ConsortiumLinkObject], { description: 'Linked demands and achievements' })
  async links(@Parent() consortium: ConsortiumEntity, @Loaders() loaders: RequestLoaders) {
    const loader = loaders.get(
      'consortia.links',
      () =>
        new DataLoader<string, ConsortiumLinkView[]>(async (ids) => {
          const views = await this.consortia.linkViews(ids);
          return ids.map((id) => views.filter((v) => v.link.consortiumId === id));
        }),
    );
    return (await loader.load(consortium.id)).map(linkObject);
  }

  @ResolveField(() => Boolean, { description: 'The viewer belongs to the lead enterprise (invites, closes)' })
  viewerLeads(@Parent() consortium: ConsortiumEntity, @CurrentActor() actor: Actor) {
    return actor.belongsTo(consortium.leadOrganisationId);
  }

  @ResolveField(() => Boolean, { description: 'The viewer’s organisation accepted: the members-only space is open' })
  async viewerInSpace(
    @Parent() consortium: ConsortiumEntity,
    @CurrentActor() actor: Actor,
    @Loaders() loaders: RequestLoaders,
  ) {
    const members = await membersLoader(loaders, this.consortia).load(consortium.id);
    return members.some((m) => m.status === ConsortiumMemberStatus.ACCEPTED && actor.belongsTo(m.organisationId));
  }
}

function membersLoader(loaders: RequestLoaders, consortia: ConsortiaService) {
  return loaders.get(
    'consortia.members',
    () =>
      new DataLoader<string, ConsortiumMemberEntity[]>(async (ids) => {
        const members = await consortia.membersOf(ids);
        return ids.map((id) => members.filter((m) => m.consortiumId === id));
      }),
  );
}

/** Fields of a member row: seen by whoever sees its consortium, or the invited organisation's administrators. */
@Resolver(() => ConsortiumMemberObject)
export class ConsortiumMemberResolver {
  constructor(
    private readonly consortia: ConsortiaService,
    private readonly directory: DirectoryService,
  ) {}

  @ResolveField(() => OrganisationObject, { nullable: true })
  organisation(@Parent() member: ConsortiumMemberEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(member.organisationId);
  }

  @ResolveField(() => ConsortiumObject)
  async consortium(@Parent() member: ConsortiumMemberEntity, @Loaders() loaders: RequestLoaders) {
    const loader = loaders.get(
      'consortia.consortium',
      () =>
        new DataLoader<string, ConsortiumEntity | null>(async (ids) =>
          byKeys(ids, await this.consortia.consortiaByIds(ids), (c) => c.id),
        ),
    );
    return loader.load(member.consortiumId);
  }
}

/** The space's access log rows (for the lead enterprise's people): who read. */
@Resolver(() => ConsortiumSpaceReadObject)
export class ConsortiumSpaceReadResolver {
  constructor(private readonly directory: DirectoryService) {}

  @ResolveField(() => PersonObject, { nullable: true, description: 'Who read the space (null: account deleted)' })
  reader(@Parent() read: ConsortiumSpaceReadEntity, @Loaders() loaders: RequestLoaders) {
    return loadPerson(loaders, this.directory, read.userId);
  }
}
