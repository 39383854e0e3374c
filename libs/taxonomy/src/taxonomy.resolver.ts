import { Query, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, RequestLoaders } from '@app/core';
import { Public } from '@app/identity';
import { IndustryEntity } from './industry.entity';
import { IndustryObject } from './industry.object';
import { TaxonomyService } from './taxonomy.service';

/** Per-request loader of industries by code, for the `industry` field of achievements, experts, demands. */
export function industryLoader(loaders: RequestLoaders, taxonomy: TaxonomyService) {
  return loaders.get(
    'taxonomy.industry',
    () =>
      new DataLoader<string, IndustryEntity | null>(async (codes) =>
        byKeys(codes, await taxonomy.industriesByCodes(codes), (industry) => industry.code),
      ),
  );
}

@Resolver(() => IndustryObject)
export class TaxonomyResolver {
  constructor(private readonly taxonomy: TaxonomyService) {}

  @Public()
  @Query(() => [IndustryObject], { description: 'The industry taxonomy, priority industries first' })
  industries(): Promise<IndustryEntity[]> {
    return this.taxonomy.industries();
  }
}
