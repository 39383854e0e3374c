import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ExpertCallInvitationStatus, ExpertCallStatus } from './entities/expert-call.entities';

registerEnumType(ExpertCallStatus, { name: 'ExpertCallStatus', description: 'DRAFT → OPEN → CLOSED' });
registerEnumType(ExpertCallInvitationStatus, { name: 'ExpertCallInvitationStatus' });

@ObjectType('ExpertCall', {
  description: 'A research question the bureau puts to experts (政府决策课题); the bureau and invited experts see it',
})
export class ExpertCallObject {
  @Field(() => ID) id: string;
  @Field(() => ExpertCallStatus) status: ExpertCallStatus;
  @Field() title: string;
  @Field() question: string;
  @Field(() => [String]) industryCodes: string[];
  @Field(() => [String]) keywords: string[];
  @Field() deadline: Date;
  @Field(() => Date, { nullable: true }) openedAt: Date | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('ExpertCallInvitation', { description: 'One invited expert: the answer and, once accepted, the response' })
export class ExpertCallInvitationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) callId: string;
  @Field(() => ID) expertId: string;
  @Field(() => ExpertCallInvitationStatus) status: ExpertCallInvitationStatus;
  @Field(() => [String], { description: 'The words of the call the expert’s profile matched when invited' })
  matchedTerms: string[];
  @Field(() => String, { nullable: true }) declineReason: string | null;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field(() => String, { nullable: true }) response: string | null;
  @Field(() => Date, { nullable: true }) respondedAt: Date | null;
  @Field() invitedAt: Date;
}

@ObjectType('ExpertCallResponseAttachment', { description: 'A file attached to an expert’s response' })
export class ExpertCallResponseAttachmentObject {
  @Field(() => ID) fileId: string;
  @Field() name: string;
  @Field({ description: 'Download path (GET, with the bearer token)' }) url: string;
  @Field() contentType: string;
  @Field(() => Int) sizeBytes: number;
}

@ObjectType('ExpertCallProposal', { description: 'A public expert the search index ranks for the call’s text' })
export class ExpertCallProposalObject {
  @Field(() => ID) expertId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) headline: string | null;
  @Field(() => ID) organisationId: string;
  @Field(() => Int) rank: number;
  @Field(() => Float, { nullable: true, description: 'The search index’s ranking score, 0–1' }) score: number | null;
  @Field(() => [String], { description: 'Why: the words of the call the expert’s public profile matched' })
  matchedTerms: string[];
  @Field(() => ExpertCallInvitationObject, { nullable: true, description: 'The invitation, when invited already' })
  invitation: ExpertCallInvitationObject | null;
}
