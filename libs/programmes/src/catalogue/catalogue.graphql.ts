import {
  Args,
  Field,
  GraphQLISODateTime,
  ID,
  InputType,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  Resolver,
} from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsNotBlank, Trim } from '@app/core';
import { Actor, CurrentActor, Public } from '@app/identity';
import { ExportFileObject } from '../programmes.objects';
import { CatalogueEntryStatus } from './catalogue.entity';
import { CatalogueEntryView, CatalogueService } from './catalogue.service';

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

@InputType()
export class ApplyForCatalogueInput {
  @Field(() => ID, { nullable: true, description: 'The applying enterprise; defaults to your only enterprise' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;
  @Field(() => ID) @IsUUID() achievementId: string;
  @Field() @Trim() @IsNotBlank() @IsString() @Length(2, 200) productName: string;
  @Field() @Trim() @IsNotBlank() @IsString() @Length(1, 5000) description: string;
}

@InputType()
export class RejectCatalogueEntryInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field() @Trim() @IsNotBlank() @IsString() @MaxLength(2000) reason: string;
}

/** The recommended catalogue (应用示范推荐目录): applications, the bureau's review, the public list and CSV. */
@Resolver(() => CatalogueEntryObject)
export class CatalogueResolver {
  constructor(private readonly catalogue: CatalogueService) {}

  @Public()
  @Query(() => [CatalogueEntryObject], { description: 'The published catalogue, newest first (public)' })
  recommendedCatalogue(): Promise<CatalogueEntryView[]> {
    return this.catalogue.published();
  }

  @Public()
  @Query(() => ExportFileObject, { description: 'The published catalogue as CSV (public)' })
  recommendedCatalogueCsv() {
    return this.catalogue.publishedCsv();
  }

  @Query(() => [TransferredAchievementObject], {
    description: 'Achievements your enterprises acquired in signed or registered deals',
  })
  catalogueEligibleAchievements(@CurrentActor() actor: Actor) {
    return this.catalogue.transferredAchievements(actor);
  }

  @Query(() => [CatalogueEntryObject], { description: "Your enterprises' catalogue applications" })
  myCatalogueApplications(@CurrentActor() actor: Actor) {
    return this.catalogue.mine(actor);
  }

  @Query(() => [CatalogueEntryObject], { description: 'The bureau’s review desk (administrators)' })
  catalogueReviewQueue(
    @CurrentActor() actor: Actor,
    @Args('status', { type: () => CatalogueEntryStatus, nullable: true }) status?: CatalogueEntryStatus | null,
  ) {
    return this.catalogue.reviewQueue(actor, status ?? undefined);
  }

  @Mutation(() => CatalogueEntryObject, { description: 'Apply with a product from a transferred achievement' })
  applyForCatalogue(@CurrentActor() actor: Actor, @Args('input') input: ApplyForCatalogueInput) {
    return this.catalogue.apply(actor, input);
  }

  @Mutation(() => CatalogueEntryObject, { description: 'Publish an application in the catalogue (administrators)' })
  publishCatalogueEntry(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.catalogue.publish(actor, id);
  }

  @Mutation(() => CatalogueEntryObject, { description: 'Reject an application with a reason (administrators)' })
  rejectCatalogueEntry(@CurrentActor() actor: Actor, @Args('input') input: RejectCatalogueEntryInput) {
    return this.catalogue.reject(actor, input.id, input.reason);
  }
}
