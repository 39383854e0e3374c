export * from './domain/calendar';
export * from './domain/reward-rules';
export * from './domain/evaluation-scoring';
export * from './domain/follow-up-schedule';
export * from './entities/reward.entities';
export * from './entities/evaluation.entities';
export * from './entities/follow-up.entities';
export * from './entities/handoff.entities';
export * from './export-file';
export * from './pdf/cjk-pdf';
export * from './rewards.service';
export * from './evaluation.service';
export * from './follow-ups.service';
export * from './handoff.service';
export * from './annual-report.service';
export * from './catalogue/catalogue.entity';
export * from './catalogue/catalogue.service';
export * from './programmes.jobs';
export * from './programmes.module';

import {
  EvaluationReportEntity,
  EvaluationReportValueEntity,
  EvaluationResultEntity,
  EvaluationSchemeEntity,
  RdInstitutionPartnerEntity,
} from './entities/evaluation.entities';
import { OutcomeFollowUpEntity, ProgrammeEmailEntity } from './entities/follow-up.entities';
import { ExchangeHandoffEntity } from './entities/handoff.entities';
import { CatalogueEntryEntity } from './catalogue/catalogue.entity';
import {
  RewardApplicationEntity,
  RewardApplicationEventEntity,
  RewardRuleVersionEntity,
} from './entities/reward.entities';

export const PROGRAMME_ENTITIES = [
  RewardRuleVersionEntity,
  RewardApplicationEntity,
  RewardApplicationEventEntity,
  RdInstitutionPartnerEntity,
  EvaluationSchemeEntity,
  EvaluationReportEntity,
  EvaluationReportValueEntity,
  EvaluationResultEntity,
  OutcomeFollowUpEntity,
  ProgrammeEmailEntity,
  ExchangeHandoffEntity,
  CatalogueEntryEntity,
];
