import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '@app/core';
import { ExpertService, ExpertVisibility } from './domain/expert-service';

registerEnumType(ExpertService, {
  name: 'ExpertService',
  description: 'Services an expert offers',
  valuesMap: {
    CONSULTING: { description: '咨询' },
    PART_TIME: { description: '兼职' },
    LECTURING: { description: '讲学' },
    JOINT_RD: { description: '联合研发' },
    TECHNICAL_SERVICE: { description: '技术服务' },
  },
});
registerEnumType(ExpertVisibility, {
  name: 'ExpertVisibility',
  description: 'PUBLIC: anyone; MEMBERS_ONLY: signed-in members',
});

/** An expert profile; `institution`, `contactEmail`, `contactPhone` are resolved by ExpertResolver with their protection. */
@ObjectType('Expert')
export class ExpertObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) title: string | null;
  @Field(() => [String]) researchFields: string[];
  @Field(() => [String]) keywords: string[];
  @Field() bio: string;
  @Field(() => [ExpertService]) services: ExpertService[];
  @Field(() => String, { nullable: true }) availability: string | null;
  @Field(() => [String]) languages: string[];
  @Field(() => String, { nullable: true }) region: string | null;
  @Field(() => ExpertVisibility) visibility: ExpertVisibility;
  @Field() listed: boolean;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
  userId: string | null;
  organisationId: string;
  contactEmail: string | null;
  contactPhone: string | null;
}

@ObjectType('ExpertConnection')
export class ExpertConnection extends Paginated(ExpertObject) {}
