import { Module } from '@nestjs/common';
import { BrokerageModule } from '@app/brokerage';
import { IdentityModule } from '@app/identity';
import { NotificationsModule } from '@app/notifications';
import { EventRemindersService, EventsJobs } from './event-reminders';
import { EventsResolver } from './events.resolver';
import { EventsService } from './events.service';
import { MeetingsService } from './meetings.service';
import { ProposalsService } from './proposals.service';

const SERVICES = [EventsService, MeetingsService, ProposalsService, EventRemindersService];

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

/** Job handlers (reminders) and the hourly sweep schedule, imported by apps/worker only. */
@Module({ imports: [EventsModule], providers: [EventsJobs] })
export class EventsJobsModule {}
