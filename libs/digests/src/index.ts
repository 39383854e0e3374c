export * from './domain/digest-enums';
export * from './domain/digest-defaults';
export * from './domain/digest-render';
export * from './domain/signed-token';
export * from './digest-preference.entity';
export * from './digest.entity';
export * from './broker-digest-source';
export * from './digest-preferences.service';
export * from './digest-builder.service';
export * from './digest-delivery.service';
export * from './digest.object';
export * from './digests.jobs';
export * from './queue-dashboard';
export * from './digests.module';

import { DigestPreferenceEntity } from './digest-preference.entity';
import { DigestDeliveryEntity, DigestEntity, DigestItemEntity } from './digest.entity';

import { DigestPlanStateEntity } from './digest-plan-state.entity';

export * from './digest-plan-state.entity';
export const DIGEST_ENTITIES = [
  DigestPreferenceEntity,
  DigestEntity,
  DigestItemEntity,
  DigestDeliveryEntity,
  DigestPlanStateEntity,
];
