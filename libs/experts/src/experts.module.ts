import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { ExpertEntity } from './expert.entity';
import { ExpertResolver } from './experts.resolver';
import { ExpertsService } from './experts.service';

export const EXPERT_ENTITIES = [ExpertEntity];

/** Expert profiles, for every process. */
@Module({
  imports: [TypeOrmModule.forFeature(EXPERT_ENTITIES), IdentityModule],
  providers: [ExpertsService],
  exports: [ExpertsService],
})
export class ExpertsModule {}

/** The GraphQL surface of experts, imported by apps/api only. */
@Module({ imports: [ExpertsModule, IdentityModule], providers: [ExpertResolver] })
export class ExpertsGraphqlModule {}
