import { Module } from '@nestjs/common';
import { AppConfigModule, ClockModule, QueuesModule, RedisModule } from '@app/core';
import { ImportModule } from '@app/catalog-import';
import { DatabaseModule } from '@app/database';
import { AchievementsModule } from '@app/achievements';
import { DemandsModule } from '@app/demands';
import { ExpertsModule } from '@app/experts';
import { IdentityModule } from '@app/identity';
import { TaxonomyModule } from '@app/taxonomy';

/** What the command line needs: the domain services over the configured database, no HTTP and no job consumers. */
@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('techtransfer-cli'),
    RedisModule,
    QueuesModule,
    IdentityModule,
    TaxonomyModule,
    AchievementsModule,
    ExpertsModule,
    DemandsModule,
    ImportModule,
  ],
})
export class CliModule {}
