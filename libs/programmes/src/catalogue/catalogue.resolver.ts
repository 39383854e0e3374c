import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor, Public } from '@app/identity';
import { ExportFileObject } from '../programmes.objects';
import { CatalogueEntryStatus } from './catalogue.entity';
import { ApplyForCatalogueInput, RejectCatalogueEntryInput } from './catalogue.input';
import { CatalogueEntryObject, TransferredAchievementObject } from './catalogue.object';
import { CatalogueEntryView, CatalogueService } from './catalogue.service';

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
