import { Module } from '@nestjs/common';
import { AchievementsModule } from '@app/achievements';
import { DemandsModule } from '@app/demands';
import { ExpertsModule } from '@app/experts';
import { EmbeddingModule } from '@app/search';
import { DemandMatchCountsResolver } from './graphql/demand-match-counts.resolver';
import { MatchesResolver } from './graphql/matches.resolver';
import { MatchesService } from './matches.service';
import { MatchingEngine } from './matching-engine';
import { MatchingJobs } from './matching.jobs';
import { SemanticCandidates } from './semantic-candidates';

/**
 * The engine and the match rows, for every process (needs the global config, database and Meilisearch client;
 * the embedder of the optional semantic layer comes from EmbeddingModule, null unless configured).
 */
@Module({
  imports: [EmbeddingModule],
  providers: [MatchingEngine, MatchesService, SemanticCandidates],
  exports: [MatchingEngine, MatchesService],
})
export class MatchingModule {}

/** GraphQL queries and feedback mutations, imported by apps/api only. */
@Module({
  imports: [MatchingModule, DemandsModule, AchievementsModule, ExpertsModule],
  providers: [MatchesResolver, DemandMatchCountsResolver],
})
export class MatchingGraphqlModule {}

/** Jobs and schedulers, imported by apps/worker only. */
@Module({ imports: [MatchingModule], providers: [MatchingJobs] })
export class MatchingJobsModule {}
