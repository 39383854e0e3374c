import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { FilesModule } from '@app/files';
import { NotificationsModule } from '@app/notifications';
import { TaxonomyModule } from '@app/taxonomy';
import { AchievementFileAccess } from './achievement-file-access';
import { AchievementResolver, MyObjectionResolver, PublicNoticeResolver } from './achievement.resolver';
import { AchievementsJobs } from './achievements.jobs';
import { AchievementsService } from './achievements.service';
import { AchievementInventorEntity } from './entities/achievement-inventor.entity';
import { AchievementObjectionEntity } from './entities/achievement-objection.entity';
import { AchievementSettingsEntity } from './entities/achievement-settings.entity';
import { AchievementTransitionEntity } from './entities/achievement-transition.entity';
import { AchievementEntity } from './entities/achievement.entity';
import { RightsProposalEntity } from './entities/rights-proposal.entity';

export const ACHIEVEMENT_ENTITIES = [
  AchievementEntity,
  AchievementInventorEntity,
  RightsProposalEntity,
  AchievementTransitionEntity,
  AchievementObjectionEntity,
  AchievementSettingsEntity,
];

/** Achievements and the rights-confirmation workflow, for every process (API, worker, importer). */
@Module({
  imports: [TypeOrmModule.forFeature(ACHIEVEMENT_ENTITIES), FilesModule, NotificationsModule],
  providers: [AchievementsService, AchievementFileAccess],
  exports: [AchievementsService],
})
export class AchievementsModule {}

/** The GraphQL surface, imported by apps/api only. */
@Module({
  imports: [AchievementsModule, IdentityModule, TaxonomyModule],
  providers: [AchievementResolver, PublicNoticeResolver, MyObjectionResolver],
})
export class AchievementsGraphqlModule {}

/** Notice-window and sweep jobs, imported by apps/worker only. */
@Module({ imports: [AchievementsModule], providers: [AchievementsJobs] })
export class AchievementsJobsModule {}
