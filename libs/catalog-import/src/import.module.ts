import { Module } from '@nestjs/common';
import { AchievementsModule } from '@app/achievements';
import { DemandsModule } from '@app/demands';
import { ExpertsModule } from '@app/experts';
import { IdentityModule } from '@app/identity';
import { TaxonomyModule } from '@app/taxonomy';
import { ImportOrganisations } from './import-organisations';
import { ImportService } from './import.service';

/**
 * The catalogue import (CLI and evaluation). Needs the global AppConfig, Clock and DatabaseModule of the host
 * context; whichever database that context points at is the one imported into.
 */
@Module({
  imports: [IdentityModule, TaxonomyModule, AchievementsModule, ExpertsModule, DemandsModule],
  providers: [ImportService, ImportOrganisations],
  exports: [ImportService],
})
export class ImportModule {}
