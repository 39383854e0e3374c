import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CatalogueEntryStatus } from './catalogue.entity';

registerEnumType(CatalogueEntryStatus, {
  name: 'CatalogueEntryStatus',
  description: 'PENDING (the bureau reviews) → PUBLISHED or REJECTED',
});

@ObjectType('CatalogueEntry', {
  description: 'An entry of the recommended catalogue of innovative products (应用示范推荐目录)',
})
export class CatalogueEntryObject {
  @Field(() => ID) id: string;
  @Field() productName: string;
  @Field() description: string;
  @Field(() => CatalogueEntryStatus) status: CatalogueEntryStatus;
  @Field(() => ID) enterpriseId: string;
  @Field() enterpriseName: string;
  @Field(() => ID, { description: 'The transferred achievement the product came from' }) achievementId: string;
  @Field() achievementTitle: string;
  @Field(() => String, { nullable: true, description: 'Why the bureau rejected it' }) rejectionReason: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) decidedAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('TransferredAchievement', {
  description: 'An achievement the enterprise acquired in a signed or registered deal (it may apply with it)',
})
export class TransferredAchievementObject {
  @Field(() => ID) achievementId: string;
  @Field() achievementTitle: string;
  @Field(() => ID) dealId: string;
  @Field(() => ID) enterpriseId: string;
  @Field() enterpriseName: string;
}
