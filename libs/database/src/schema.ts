import { ACHIEVEMENT_ENTITIES } from '@app/achievements';
import { ANALYTICS_ENTITIES } from '@app/analytics';
import { BROKERAGE_ENTITIES } from '@app/brokerage';
import {
  JobIntentEntity,
  OutboxConsumerEntity,
  OutboxEventEntity,
  PlatformSettingsChangeEntity,
  PlatformSettingsEntity,
  SearchIndexGenerationEntity,
} from '@app/core';
import { CONSORTIUM_ENTITIES } from '@app/consortia';
import { DEMAND_ENTITIES } from '@app/demands';
import { DIGEST_ENTITIES } from '@app/digests';
import { EVENT_ENTITIES } from '@app/events';
import { EXPERT_CALL_ENTITIES } from '@app/expert-calls';
import { EXPERT_ENTITIES } from '@app/experts';
import { FILE_ENTITIES } from '@app/files';
import { IDENTITY_ENTITIES } from '@app/identity';
import { MATCHING_ENTITIES } from '@app/matching';
import { NOTIFICATION_ENTITIES } from '@app/notifications';
import { PROGRAMME_ENTITIES } from '@app/programmes';
import { TAXONOMY_ENTITIES } from '@app/taxonomy';
import { MIGRATIONS } from './migrations';

/** Every entity of every domain: the schema the migrations must produce. */
export const ALL_ENTITIES = [
  ...IDENTITY_ENTITIES,
  ...TAXONOMY_ENTITIES,
  ...DEMAND_ENTITIES,
  ...EXPERT_ENTITIES,
  ...ACHIEVEMENT_ENTITIES,
  ...MATCHING_ENTITIES,
  ...NOTIFICATION_ENTITIES,
  ...DIGEST_ENTITIES,
  ...BROKERAGE_ENTITIES,
  ...FILE_ENTITIES,
  ...PROGRAMME_ENTITIES,
  ...EVENT_ENTITIES,
  ...EXPERT_CALL_ENTITIES,
  ...CONSORTIUM_ENTITIES,
  ...ANALYTICS_ENTITIES,
  OutboxEventEntity,
  OutboxConsumerEntity,
  SearchIndexGenerationEntity,
  JobIntentEntity,
  PlatformSettingsEntity,
  PlatformSettingsChangeEntity,
];

export const ALL_MIGRATIONS = MIGRATIONS;
