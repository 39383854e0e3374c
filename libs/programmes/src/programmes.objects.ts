import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '@app/core';
import { AwardTier, IndicatorSource, PlatformMetric, ScoringMethod } from './domain/evaluation-scoring';
import { FollowUpStatus } from './domain/follow-up-schedule';
import { RewardQualification } from './domain/reward-rules';
import { EvaluationReportStatus, EvaluationSchemeStatus, IndicatorVerification } from './entities/evaluation.entities';
import { ExchangeResult, HandoffSource, HandoffStatus } from './entities/handoff.entities';
import { RewardApplicationStatus, RewardEventKind } from './entities/reward.entities';
import { RewardTotalsDimension } from './rewards.service';

registerEnumType(RewardQualification, { name: 'RewardQualification' });
registerEnumType(RewardApplicationStatus, { name: 'RewardApplicationStatus' });
registerEnumType(RewardEventKind, { name: 'RewardEventKind' });
registerEnumType(RewardTotalsDimension, { name: 'RewardTotalsDimension' });
registerEnumType(IndicatorSource, { name: 'IndicatorSource' });
registerEnumType(PlatformMetric, { name: 'PlatformMetric' });
registerEnumType(ScoringMethod, { name: 'ScoringMethod' });
registerEnumType(AwardTier, { name: 'AwardTier', description: '优秀 / 良好 / 合格 / 不合格' });
registerEnumType(EvaluationSchemeStatus, { name: 'EvaluationSchemeStatus' });
registerEnumType(EvaluationReportStatus, { name: 'EvaluationReportStatus' });
registerEnumType(IndicatorVerification, { name: 'IndicatorVerification' });
registerEnumType(FollowUpStatus, { name: 'FollowUpStatus' });
registerEnumType(HandoffSource, { name: 'HandoffSource' });
registerEnumType(HandoffStatus, { name: 'HandoffStatus' });
registerEnumType(ExchangeResult, { name: 'ExchangeResult' });

@ObjectType('ExportFile', {
  description: 'A generated document: decode base64 to get its bytes (CSV is UTF-8 with BOM)',
})
export class ExportFileObject {
  @Field() fileName: string;
  @Field() contentType: string;
  @Field() base64: string;
  @Field(() => Int) byteLength: number;
}

// ---- rewards ----

@ObjectType('RewardTerms')
export class RewardTermsObject {
  @Field(() => [RewardQualification]) qualifications: RewardQualification[];
  @Field(() => [String]) districtRegions: string[];
  @Field(() => [String], { description: 'TechContractType values; empty: any' }) contractTypes: string[];
  @Field(() => Float) sharePercent: number;
  @Field(() => Float) minTechnicalIncomeWan: number;
  @Field(() => Float, { nullable: true }) capPerItemWan: number | null;
  @Field(() => Float, { nullable: true, description: 'Per institution and award year' }) capPerYearWan: number | null;
  @Field(() => [String]) requiredEvidence: string[];
}

@ObjectType('RewardRuleVersion')
export class RewardRuleVersionObject {
  @Field(() => ID) id: string;
  @Field(() => Int) version: number;
  @Field() name: string;
  @Field({ description: 'YYYY-MM-DD (Shanghai), inclusive' }) effectiveFrom: string;
  @Field(() => String, { nullable: true, description: 'YYYY-MM-DD, inclusive; null: open-ended' })
  effectiveTo: string | null;
  @Field(() => RewardTermsObject) terms: RewardTermsObject;
  @Field() createdAt: Date;
}

@ObjectType('RewardEvidence')
export class RewardEvidenceObject {
  @Field(() => ID) fileId: string;
  @Field() label: string;
  @Field() name: string;
  @Field({ description: 'Download with a bearer token' }) url: string;
}

@ObjectType('RewardApplicationEvent')
export class RewardApplicationEventObject {
  @Field(() => ID) id: string;
  @Field(() => RewardEventKind) kind: RewardEventKind;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field(() => String, { nullable: true }) body: string | null;
  @Field() createdAt: Date;
}

@ObjectType('RewardApplication', {
  description: 'A transfer-reward application (administrators, the institution’s TTO, the achievement’s team)',
})
export class RewardApplicationObject {
  @Field(() => ID) id: string;
  @Field(() => ID) dealId: string;
  @Field(() => ID) ruleVersionId: string;
  @Field(() => RewardApplicationStatus) status: RewardApplicationStatus;
  @Field(() => RewardQualification) qualification: RewardQualification;
  @Field(() => ID) institutionId: string;
  @Field(() => ID) achievementId: string;
  @Field(() => ID) enterpriseId: string;
  @Field(() => String, { nullable: true }) industryCode: string | null;
  @Field(() => Int) awardYear: number;
  @Field() registrationNumber: string;
  @Field() registeredAt: Date;
  @Field(() => Float) technicalIncomeWan: number;
  @Field(() => Float, { description: 'What the rules allowed when last computed (raised or submitted)' })
  proposedAmountWan: number;
  @Field(() => Float, { nullable: true }) approvedAmountWan: number | null;
  @Field(() => String, { nullable: true }) applicantNote: string | null;
  @Field(() => String, { nullable: true }) returnReason: string | null;
  @Field(() => String, { nullable: true }) reviewComment: string | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) reviewedAt: Date | null;
  @Field(() => Date, { nullable: true }) paidAt: Date | null;
  @Field(() => Float, { nullable: true }) paidAmountWan: number | null;
  @Field(() => String, { nullable: true }) paymentReference: string | null;
  @Field({ description: 'The platform’s records when the application was raised, as JSON text' }) prefillJson: string;
  @Field(() => Date, {
    nullable: true,
    description:
      'When the contract registration was amended after the application was submitted: the application was not ' +
      'changed; the reviewer may return it (it is then submitted again as the registration now stands)',
  })
  registrationAmendedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'What that amendment changed, and why' })
  registrationAmendmentNote: string | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType()
export class RewardApplicationConnection extends Paginated(RewardApplicationObject) {}

@ObjectType('RewardTotalsRow')
export class RewardTotalsRowObject {
  @Field() key: string;
  @Field() label: string;
  @Field(() => Int) applications: number;
  @Field(() => Int) submitted: number;
  @Field(() => Int) approved: number;
  @Field(() => Int) paid: number;
  @Field(() => Float) approvedAmountWan: number;
  @Field(() => Float) paidAmountWan: number;
}

// ---- evaluation ----

@ObjectType('RdInstitution', { description: 'A new R&D institution (新型研发机构) and its partner universities' })
export class RdInstitutionObject {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field(() => [ID]) partnerIds: string[];
}

@ObjectType('IndicatorThreshold')
export class ThresholdObject {
  @Field(() => Float) min: number;
  @Field(() => Float) points: number;
}

@ObjectType('EvaluationIndicator')
export class IndicatorObject {
  @Field() key: string;
  @Field() label: string;
  @Field(() => Float) weight: number;
  @Field(() => IndicatorSource) source: IndicatorSource;
  @Field(() => PlatformMetric, { nullable: true }) platformMetric: PlatformMetric | null;
  @Field(() => ScoringMethod) method: ScoringMethod;
  @Field(() => [ThresholdObject]) thresholds: ThresholdObject[];
}

@ObjectType('TierThresholds', { description: 'Minimum total score of 优秀, 良好 and 合格' })
export class TierThresholdsObject {
  @Field(() => Float) excellent: number;
  @Field(() => Float) good: number;
  @Field(() => Float) pass: number;
}

@ObjectType('EvaluationScheme')
export class EvaluationSchemeObject {
  @Field(() => ID) id: string;
  @Field(() => Int) year: number;
  @Field() title: string;
  @Field(() => [IndicatorObject]) indicators: IndicatorObject[];
  @Field(() => TierThresholdsObject) tiers: TierThresholdsObject;
  @Field(() => EvaluationSchemeStatus) status: EvaluationSchemeStatus;
  @Field(() => Date, { nullable: true }) resultsComputedAt: Date | null;
  @Field(() => Date, { nullable: true }) publishedAt: Date | null;
}

@ObjectType('IndicatorLink', { description: 'A record a platform indicator was counted from' })
export class IndicatorLinkObject {
  @Field() kind: string;
  @Field(() => ID) id: string;
  @Field() label: string;
}

@ObjectType('EvaluationAttachment', { description: 'A file an institution attached to a self-reported value' })
export class EvaluationAttachmentObject {
  @Field(() => ID) fileId: string;
  @Field() name: string;
  @Field() contentType: string;
  @Field(() => String, { description: 'Download with a bearer token' }) url: string;
}

@ObjectType('EvaluationValue')
export class EvaluationValueObject {
  @Field(() => ID) id: string;
  @Field() indicatorKey: string;
  @Field(() => IndicatorSource) source: IndicatorSource;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => [IndicatorLinkObject]) links: IndicatorLinkObject[];
  @Field(() => IndicatorVerification) verification: IndicatorVerification;
  @Field(() => String, { nullable: true }) verificationNote: string | null;
  @Field(() => Date, { nullable: true }) verifiedAt: Date | null;
}

@ObjectType('EvaluationReport', { description: 'An institution’s annual report (administrators and its TTO)' })
export class EvaluationReportObject {
  @Field(() => ID) id: string;
  @Field(() => Int) year: number;
  @Field(() => ID) institutionId: string;
  @Field(() => EvaluationReportStatus) status: EvaluationReportStatus;
  @Field(() => String, { nullable: true }) returnReason: string | null;
  @Field(() => Date, { nullable: true }) submittedAt: Date | null;
  @Field(() => Date, { nullable: true }) verifiedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('IndicatorScore')
export class IndicatorScoreObject {
  @Field() key: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Float) score: number;
  @Field(() => Float) weighted: number;
}

@ObjectType('EvaluationResult')
export class EvaluationResultObject {
  @Field(() => ID) id: string;
  @Field(() => Int) year: number;
  @Field(() => ID) institutionId: string;
  @Field(() => Float) totalScore: number;
  @Field(() => Int) rank: number;
  @Field(() => AwardTier) tier: AwardTier;
  @Field({ description: '优秀 / 良好 / 合格 / 不合格' }) tierLabel: string;
  @Field() computedAt: Date;
}

// ---- follow-ups ----

@ObjectType('OutcomeFollowUp', {
  description: 'What came of a registered contract (administrators, the enterprise, the institution’s TTO)',
})
export class OutcomeFollowUpObject {
  @Field(() => ID) id: string;
  @Field(() => ID) dealId: string;
  @Field(() => Int) monthsAfter: number;
  @Field() dueAt: Date;
  @Field(() => FollowUpStatus) status: FollowUpStatus;
  @Field(() => Date, { nullable: true }) askedAt: Date | null;
  @Field(() => Int) remindersSent: number;
  @Field(() => ID) enterpriseId: string;
  @Field(() => ID) institutionId: string;
  @Field(() => String, { nullable: true }) industryCode: string | null;
  @Field() registeredAt: Date;
  @Field(() => Date, { nullable: true }) answeredAt: Date | null;
  @Field(() => Boolean, { nullable: true }) productLaunched: boolean | null;
  @Field(() => Float, { nullable: true }) revenueWan: number | null;
  @Field(() => Int, { nullable: true }) jobsCreated: number | null;
  @Field(() => Float, { nullable: true }) followOnInvestmentWan: number | null;
  @Field(() => Boolean, { nullable: true }) companyFounded: boolean | null;
  @Field(() => String, { nullable: true }) companyName: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() createdAt: Date;
}

@ObjectType()
export class OutcomeFollowUpConnection extends Paginated(OutcomeFollowUpObject) {}

// ---- exchange hand-off ----

@ObjectType('ExchangeHandoff', {
  description: '进场交易: a package for the technology-property exchange and its answer',
})
export class ExchangeHandoffObject {
  @Field(() => ID) id: string;
  @Field(() => HandoffSource) source: HandoffSource;
  @Field(() => ID) achievementId: string;
  @Field(() => ID, { nullable: true }) dealId: string | null;
  @Field(() => ID) institutionId: string;
  @Field(() => HandoffStatus) status: HandoffStatus;
  @Field(() => String, { nullable: true }) exchangeListingNumber: string | null;
  @Field(() => Date, { nullable: true }) listedAt: Date | null;
  @Field(() => ExchangeResult, { nullable: true }) result: ExchangeResult | null;
  @Field(() => Float, { nullable: true }) resultPriceWan: number | null;
  @Field(() => String, { nullable: true }) resultNote: string | null;
  @Field(() => Date, { nullable: true }) resultRecordedAt: Date | null;
  @Field() createdAt: Date;
}

// ---- institution annual report ----

@ObjectType('AnnualContract')
export class AnnualContractObject {
  @Field(() => ID) dealId: string;
  @Field() registrationNumber: string;
  @Field(() => String, { nullable: true }) contractType: string | null;
  @Field() enterpriseName: string;
  @Field(() => String, { nullable: true }) achievementTitle: string | null;
  @Field(() => Float) contractValueWan: number;
  @Field(() => Float) technicalIncomeWan: number;
  @Field() registeredAt: Date;
}

@ObjectType('AnnualContractsByType')
export class AnnualContractsByTypeObject {
  @Field() contractType: string;
  @Field(() => Int) count: number;
  @Field(() => Float) contractValueWan: number;
}

@ObjectType('AnnualReward')
export class AnnualRewardObject {
  @Field(() => ID) applicationId: string;
  @Field() achievementTitle: string;
  @Field() registrationNumber: string;
  @Field() status: string;
  @Field(() => Float, { nullable: true }) approvedAmountWan: number | null;
  @Field(() => Float, { nullable: true }) paidAmountWan: number | null;
}

@ObjectType('InstitutionAnnualReport', {
  description: '科技成果转化年度报告 (administrators and the institution’s TTO)',
})
export class InstitutionAnnualReportObject {
  @Field(() => ID) institutionId: string;
  @Field() institutionName: string;
  @Field(() => Int) year: number;
  @Field(() => Int) registeredContracts: number;
  @Field(() => Float) contractValueWan: number;
  @Field(() => Float) technicalIncomeWan: number;
  @Field(() => [AnnualContractsByTypeObject]) contractsByType: AnnualContractsByTypeObject[];
  @Field(() => [AnnualContractObject]) contracts: AnnualContractObject[];
  @Field(() => Int) rightsConfirmations: number;
  @Field(() => Int) institutionOwnedConfirmations: number;
  @Field(() => Int) listings: number;
  @Field(() => Int) rewardApplications: number;
  @Field(() => Float) rewardsApprovedWan: number;
  @Field(() => Float) rewardsPaidWan: number;
  @Field(() => [AnnualRewardObject]) rewards: AnnualRewardObject[];
  @Field(() => Int) followUpsAnswered: number;
  @Field(() => Int) productsLaunched: number;
  @Field(() => Float) attributedRevenueWan: number;
}
