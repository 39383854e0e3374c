import { Module } from '@nestjs/common';
import { BrokerageModule } from '@app/brokerage';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { MeetingsService } from './meetings.service';
import { ProposalsService } from './proposals.service';

const SERVICES = [EventsService, MeetingsService, ProposalsService];

/** Matchmaking events (entities, services), every process. */
@Module({
  imports: [IdentityModule, NotificationsModule, BrokerageModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class EventsModule {}

/** GraphQL surface, imported by apps/api only. */
@Module({ imports: [EventsModule, IdentityModule], providers: [EventsResolver] })
export class EventsGraphqlModule {}
