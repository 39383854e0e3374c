import { Module } from '@nestjs/common';
import { FilesModule } from '@app/files';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { TaxonomyModule } from '@app/taxonomy';
import { ConsortiaService } from './consortia.service';
import { ConsortiaResolver, ConsortiumMemberResolver, ConsortiumSpaceReadResolver } from './consortia.resolver';
import { ConsortiumFileAccess } from './consortium-file-access';

/** Innovation consortia (entities, service), every process that needs them. */
@Module({
  imports: [IdentityModule, NotificationsModule, FilesModule],
  providers: [ConsortiaService, ConsortiumFileAccess],
  exports: [ConsortiaService],
})
export class ConsortiaModule {}

/** GraphQL surface, imported by apps/api only. */
@Module({
  imports: [ConsortiaModule, IdentityModule, TaxonomyModule],
  providers: [ConsortiaResolver, ConsortiumMemberResolver, ConsortiumSpaceReadResolver],
})
export class ConsortiaGraphqlModule {}
