export * from './entities/expert-call.entities';
export * from './expert-call-access';
export * from './expert-calls.service';
export * from './expert-calls.module';

import { ExpertCallEntity, ExpertCallInvitationEntity } from './entities/expert-call.entities';

export const EXPERT_CALL_ENTITIES = [ExpertCallEntity, ExpertCallInvitationEntity];
