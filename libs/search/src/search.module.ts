import { Module } from '@nestjs/common';
import { AchievementsModule } from '@app/achievements';
import { DemandsModule } from '@app/demands';
import { ExpertsModule } from '@app/experts';
import { achievementSearchResolvers, AchievementSearchSource } from './sources/achievement.source';
import { demandSearchResolvers, DemandSearchSource } from './sources/demand.source';
import { expertSearchResolvers, ExpertSearchSource } from './sources/expert.source';
import { DocumentEmbeddings } from './embedding/document-embeddings.service';
import { EmbeddingModule } from './embedding/embedding.module';
import { OutboxDeadLettersResolver } from './graphql/outbox-dead-letters.resolver';
import { FederatedSearchResolver } from './graphql/search.resolver';
import { IndexHealthService } from './index-health.service';
import { IndexSettingsService } from './index-settings.service';
import { OutboxDeadLetters } from './outbox-dead-letters.service';
import { OutboxDrainer } from './outbox-drainer.service';
import { OutboxListener } from './outbox-listener';
import { ReindexService } from './reindex.service';
import { SEARCH_DOCUMENT_SOURCES, SearchDocumentSource } from './search-document-source';
import { SearchIndexer } from './search-indexer.service';
import { SearchJobs } from './search.jobs';
import { SearchService } from './search.service';
import { SearchSources } from './search-sources';

const SOURCES = [AchievementSearchSource, ExpertSearchSource, DemandSearchSource];

/** Indexes, sync and search, for every process (the API searches, the worker and scripts index). */
@Module({
  imports: [AchievementsModule, ExpertsModule, DemandsModule, EmbeddingModule],
  providers: [
    DocumentEmbeddings,
    ...SOURCES,
    {
      provide: SEARCH_DOCUMENT_SOURCES,
      inject: SOURCES,
      useFactory: (...sources: SearchDocumentSource[]) => sources,
    },
    SearchSources,
    IndexSettingsService,
    SearchIndexer,
    OutboxDrainer,
    ReindexService,
    IndexHealthService,
    OutboxDeadLetters,
    SearchService,
  ],
  exports: [
    OutboxDeadLetters,
    SearchSources,
    IndexSettingsService,
    SearchIndexer,
    OutboxDrainer,
    ReindexService,
    IndexHealthService,
    SearchService,
  ],
})
export class SearchModule {}

/** The search queries, imported by apps/api only. */
@Module({
  imports: [SearchModule],
  providers: [
    FederatedSearchResolver,
    OutboxDeadLettersResolver,
    ...achievementSearchResolvers,
    ...expertSearchResolvers,
    ...demandSearchResolvers,
  ],
})
export class SearchGraphqlModule {}

/** Outbox draining and nightly reindex, imported by apps/worker only. */
@Module({
  imports: [SearchModule],
  providers: [SearchJobs, OutboxListener],
})
export class SearchJobsModule {}
