export * from './entities/consortium.entities';
export * from './consortium-access';
export * from './consortia.service';
export * from './consortia.module';

import {
  ConsortiumEntity,
  ConsortiumLinkEntity,
  ConsortiumMemberEntity,
  ConsortiumMilestoneEntity,
  ConsortiumSpaceReadEntity,
} from './entities/consortium.entities';

export const CONSORTIUM_ENTITIES = [
  ConsortiumEntity,
  ConsortiumMemberEntity,
  ConsortiumLinkEntity,
  ConsortiumMilestoneEntity,
  ConsortiumSpaceReadEntity,
];
