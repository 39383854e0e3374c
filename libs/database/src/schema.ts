import { OutboxEventEntity } from '@app/core';
import { IDENTITY_ENTITIES } from '@app/identity';
import { MIGRATIONS } from './migrations';

/** Every entity of every domain: the schema the migrations must produce. */
export const ALL_ENTITIES = [...IDENTITY_ENTITIES, OutboxEventEntity];

export const ALL_MIGRATIONS = MIGRATIONS;
