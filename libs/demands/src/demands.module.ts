import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { TaxonomyModule } from '@app/taxonomy';
import { DemandConfidentialReadEntity, DemandEntity } from './demand.entity';
import { DemandExpiryJob } from './demands.jobs';
import { DemandConfidentialReadResolver, DemandResolver } from './demands.resolver';
import { DemandsService } from './demands.service';

export const DEMAND_ENTITIES = [DemandEntity, DemandConfidentialReadEntity];

/** Enterprise demands, for every process. */
@Module({
  imports: [TypeOrmModule.forFeature(DEMAND_ENTITIES), IdentityModule, TaxonomyModule],
  providers: [DemandsService],
  exports: [DemandsService],
})
export class DemandsModule {}

/** The GraphQL surface of demands, imported by apps/api only. */
@Module({
  imports: [DemandsModule, IdentityModule, TaxonomyModule],
  providers: [DemandResolver, DemandConfidentialReadResolver],
})
export class DemandsGraphqlModule {}

/** The demand jobs (deadline expiry), imported by apps/worker only. */
@Module({ imports: [DemandsModule], providers: [DemandExpiryJob] })
export class DemandsJobsModule {}
