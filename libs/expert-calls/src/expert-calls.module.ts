import { Module } from '@nestjs/common';
import { FilesModule } from '@app/files';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { SearchModule } from '@app/search';
import { ExpertCallFileAccess } from './expert-call-file-access';
import { ExpertCallInvitationResolver, ExpertCallsResolver } from './expert-calls.resolver';
import { ExpertCallsService } from './expert-calls.service';

/** Calls for experts (entities, service), every process that needs them. */
@Module({
  imports: [IdentityModule, NotificationsModule, SearchModule, FilesModule],
  providers: [ExpertCallsService, ExpertCallFileAccess],
  exports: [ExpertCallsService],
})
export class ExpertCallsModule {}

/** GraphQL surface, imported by apps/api only. */
@Module({
  imports: [ExpertCallsModule, IdentityModule],
  providers: [ExpertCallsResolver, ExpertCallInvitationResolver],
})
export class ExpertCallsGraphqlModule {}
