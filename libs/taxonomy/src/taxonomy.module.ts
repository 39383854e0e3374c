import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IndustryEntity } from './industry.entity';
import { TaxonomyResolver } from './taxonomy.resolver';
import { TaxonomyService } from './taxonomy.service';

export const TAXONOMY_ENTITIES = [IndustryEntity];

/** The controlled vocabularies (industries), for every process. */
@Module({
  imports: [TypeOrmModule.forFeature(TAXONOMY_ENTITIES)],
  providers: [TaxonomyService],
  exports: [TaxonomyService],
})
export class TaxonomyModule {}

/** The GraphQL surface of the taxonomy, imported by apps/api only. */
@Module({ imports: [TaxonomyModule], providers: [TaxonomyResolver], exports: [TaxonomyModule] })
export class TaxonomyGraphqlModule {}
