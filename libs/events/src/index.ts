export * from './domain/time-zones';
export * from './domain/scheduler';
export * from './domain/calendar-file';
export * from './entities/event.entities';
export * from './event-access';
export * from './events.service';
export * from './event-reminders';
export * from './reminder-plan';
export * from './meetings.service';
export * from './proposals.service';
export * from './events.module';

import { EventEntity, EventMeetingEntity, EventRegistrationEntity } from './entities/event.entities';

export const EVENT_ENTITIES = [EventEntity, EventRegistrationEntity, EventMeetingEntity];
