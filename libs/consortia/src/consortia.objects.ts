import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  ConsortiumLinkKind,
  ConsortiumMemberStatus,
  ConsortiumRole,
  ConsortiumSpaceReadSubject,
  ConsortiumStatus,
} from './entities/consortium.entities';

registerEnumType(ConsortiumStatus, {
  name: 'ConsortiumStatus',
  description: 'DRAFT → ACTIVE (a second organisation accepted) → RECOGNISED (the bureau); CLOSED by the lead',
});
registerEnumType(ConsortiumRole, {
  name: 'ConsortiumRole',
  description: 'LEAD 牵头 · SUPPORT 支撑 · COLLABORATE 协同',
});
registerEnumType(ConsortiumMemberStatus, { name: 'ConsortiumMemberStatus' });
registerEnumType(ConsortiumLinkKind, { name: 'ConsortiumLinkKind' });
registerEnumType(ConsortiumSpaceReadSubject, { name: 'ConsortiumSpaceReadSubject' });

@ObjectType('Consortium', {
  description:
    'An innovation consortium (创新联合体): the people of its member and invited organisations and the bureau see it',
})
export class ConsortiumObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() goal: string;
  @Field(() => String, { nullable: true }) industryCode: string | null;
  @Field(() => ID) leadOrganisationId: string;
  @Field(() => ConsortiumStatus) status: ConsortiumStatus;
  @Field(() => Date, { nullable: true }) recognisedAt: Date | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('ConsortiumMember', { description: 'An organisation in a consortium: its role and its answer' })
export class ConsortiumMemberObject {
  @Field(() => ID) id: string;
  @Field(() => ID) consortiumId: string;
  @Field(() => ID) organisationId: string;
  @Field(() => ConsortiumRole) role: ConsortiumRole;
  @Field(() => ConsortiumMemberStatus) status: ConsortiumMemberStatus;
  @Field() invitedAt: Date;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
}

@ObjectType('ConsortiumLink', { description: 'A linked demand or achievement, with its public title and state' })
export class ConsortiumLinkObject {
  @Field(() => ID) id: string;
  @Field(() => ConsortiumLinkKind) kind: ConsortiumLinkKind;
  @Field(() => ID) targetId: string;
  @Field() title: string;
  @Field({ description: 'The demand’s or achievement’s status' }) state: string;
  @Field(() => ID, { description: 'The organisation that posted the demand or owns the achievement' })
  organisationId: string;
  @Field() createdAt: Date;
}

@ObjectType('ConsortiumDocument', { description: 'A document of the members-only space' })
export class ConsortiumDocumentObject {
  @Field(() => ID) fileId: string;
  @Field() name: string;
  @Field({ description: 'Download path (GET, with the bearer token; the download is logged)' }) url: string;
  @Field() contentType: string;
  @Field(() => Int) sizeBytes: number;
  @Field() uploadedAt: Date;
}

@ObjectType('ConsortiumMilestone', { description: 'A milestone of the members-only space' })
export class ConsortiumMilestoneObject {
  @Field(() => ID) id: string;
  @Field(() => ID) consortiumId: string;
  @Field() title: string;
  @Field({ description: 'YYYY-MM-DD' }) dueDate: string;
  @Field(() => Date, { nullable: true }) doneAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('ConsortiumSpaceRead', { description: 'One logged read of the members-only space' })
export class ConsortiumSpaceReadObject {
  @Field(() => ID) id: string;
  @Field(() => ID) userId: string;
  @Field(() => ConsortiumSpaceReadSubject) subject: ConsortiumSpaceReadSubject;
  @Field() readAt: Date;
}

@ObjectType('ConsortiumContract', { description: 'A signed or registered contract among a consortium’s outputs' })
export class ConsortiumContractObject {
  @Field(() => ID) dealId: string;
  @Field() stage: string;
  @Field({ description: 'LINKED: its demand or achievement is linked; MEMBERS: both parties are members' })
  reason: string;
  @Field(() => ID) demandId: string;
  @Field(() => ID) demandOrganisationId: string;
  @Field(() => ID) targetOrganisationId: string;
  @Field(() => Float, { nullable: true }) contractValueWan: number | null;
  @Field(() => String, { nullable: true }) registrationNumber: string | null;
  @Field(() => Date, { nullable: true }) registeredAt: Date | null;
}

@ObjectType('ConsortiumOutputs', { description: 'What a consortium produced: contracts and linked listings' })
export class ConsortiumOutputsObject {
  @Field(() => [ConsortiumContractObject]) contracts: ConsortiumContractObject[];
  @Field(() => [ConsortiumLinkObject], { description: 'Linked achievements of member institutions' })
  listings: ConsortiumLinkObject[];
  @Field(() => [ConsortiumLinkObject]) demands: ConsortiumLinkObject[];
  @Field(() => Float, { description: 'The contracts’ total value (万元)' }) contractValueWan: number;
}
