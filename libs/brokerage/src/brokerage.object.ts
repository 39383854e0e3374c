import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DEFAULT_PAGE_SIZE, Paginated } from '@app/core';
import { MatchObject, MatchTargetType } from '@app/matching';
import { DealRole, DealStage, TechContractType } from './domain/deal-workflow';
import {
  IntroductionDeclineReason,
  IntroductionSide,
  IntroductionStatus,
  PartyAnswer,
} from './domain/introduction-consent';
import { BrokerCredentialLevel, BrokerCredentialStatus } from './domain/broker-credential';
import { DealActivityKind, PriceNoticeStatus } from './entities/deal.entity';
import { EntrustedSubject } from './entities/entrustment.entity';
import { RevealedDetail } from './entities/introduction.entity';

registerEnumType(EntrustedSubject, { name: 'EntrustedSubject' });
registerEnumType(IntroductionStatus, { name: 'IntroductionStatus' });
registerEnumType(IntroductionSide, { name: 'IntroductionSide' });
registerEnumType(PartyAnswer, { name: 'IntroductionAnswer' });
registerEnumType(IntroductionDeclineReason, {
  name: 'IntroductionDeclineReason',
  description:
    'TOO_EARLY 时机未到, UNCLEAR_BENEFIT 收益不明确, NO_COMMERCIAL_ROUTE 无商业化路径, PRICE 价格, OTHER 其他',
});
registerEnumType(RevealedDetail, { name: 'RevealedDetail' });
registerEnumType(DealStage, { name: 'DealStage' });
registerEnumType(DealRole, { name: 'DealRole' });
registerEnumType(TechContractType, {
  name: 'TechContractType',
  description: 'TRANSFER 技术转让, LICENSE 技术许可, DEVELOPMENT 技术开发, SERVICE 技术服务, CONSULTING 技术咨询',
});
registerEnumType(DealActivityKind, { name: 'DealActivityKind' });
registerEnumType(PriceNoticeStatus, { name: 'PriceNoticeStatus' });
registerEnumType(BrokerCredentialLevel, {
  name: 'BrokerCredentialLevel',
  description: '技术经纪人 level: JUNIOR 初级, INTERMEDIATE 中级, SENIOR 高级',
});
registerEnumType(BrokerCredentialStatus, { name: 'BrokerCredentialStatus' });

@ObjectType('Entrustment', { description: '委托: a listing entrusted to a broker or an agency' })
export class EntrustmentObject {
  @Field(() => ID) id: string;
  @Field(() => EntrustedSubject) subjectType: EntrustedSubject;
  @Field(() => ID) subjectId: string;
  @Field(() => ID) ownerOrganisationId: string;
  @Field(() => ID) entrustedById: string;
  @Field(() => ID, { nullable: true }) brokerId: string | null;
  @Field(() => ID, { nullable: true }) agencyId: string | null;
  @Field(() => Date, { nullable: true }) exclusiveUntil: Date | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('MatchClaim')
export class MatchClaimObject {
  @Field(() => ID) id: string;
  @Field(() => ID) matchId: string;
  @Field(() => ID) brokerId: string;
  @Field(() => ID) agencyId: string;
  @Field() claimedAt: Date;
  @Field() expiresAt: Date;
  @Field(() => Date, { nullable: true }) releasedAt: Date | null;
  @Field(() => String, { nullable: true }) releaseReason: string | null;
}

@ObjectType('ListingInterest', {
  description: 'An enterprise asked for an introduction to a listed achievement (for one of its open demands)',
})
export class ListingInterestObject {
  @Field(() => ID) id: string;
  @Field(() => ID) achievementId: string;
  @Field(() => ID) demandId: string;
  @Field(() => ID) organisationId: string;
  @Field(() => ID, { description: 'The match that carries the pair into the work queue' }) matchId: string;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field() createdAt: Date;
}

@ObjectType('WorkQueueItem')
export class WorkQueueItemObject {
  @Field(() => MatchObject) match: MatchObject;
  @Field({ description: 'The demand or the achievement is entrusted to you or your agency' }) entrusted: boolean;
  @Field({ description: 'When the pair was first proposed (its age in the queue)' }) matchedAt: Date;
  @Field(() => ListingInterestObject, {
    nullable: true,
    description: 'The enterprise asked for this introduction itself (from the listing)',
  })
  interest: ListingInterestObject | null;
}

@ObjectType('WorkQueueItemConnection')
export class WorkQueueItemConnection extends Paginated(WorkQueueItemObject, 'WorkQueueItem') {}

@ObjectType('BrokerWorkQueue')
export class BrokerWorkQueueObject {
  @Field(() => WorkQueueItemConnection, {
    description: 'Unclaimed matches, best first',
    // The page size is an argument of the queue, not of this field (the queue itself is not multiplied, or its
    // claims would count once per queued match): priced at the default page. A queue of the largest page then
    // costs at most as much as any list of that page may.
    complexity: ({ childComplexity }) => 1 + childComplexity * DEFAULT_PAGE_SIZE,
  })
  matches: WorkQueueItemConnection;
  @Field(() => [EntrustmentObject], { description: 'Listings entrusted to you or your agency (newest 50)' })
  entrustments: EntrustmentObject[];
  @Field(() => [MatchClaimObject], { description: 'Your claims that still hold (newest 50)' })
  claims: MatchClaimObject[];
}

@ObjectType('ContactPerson')
export class ContactPersonObject {
  @Field() name: string;
  @Field(() => String, { nullable: true }) email: string | null;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) organisationName: string | null;
  @Field() role: string;
}

@ObjectType('IntroductionAcknowledgement')
export class IntroductionAcknowledgementObject {
  @Field(() => ID) userId: string;
  @Field(() => IntroductionSide) side: IntroductionSide;
  @Field() termsVersion: string;
  @Field() acknowledgedAt: Date;
}

@ObjectType('IntroductionReveal')
export class IntroductionRevealObject {
  @Field(() => ID) userId: string;
  @Field(() => RevealedDetail) detail: RevealedDetail;
  @Field() revealedAt: Date;
}

@ObjectType('Introduction')
export class IntroductionObject {
  @Field(() => ID) id: string;
  @Field(() => ID) demandId: string;
  @Field(() => MatchTargetType) targetType: MatchTargetType;
  @Field(() => ID) targetId: string;
  @Field(() => ID, { nullable: true }) matchId: string | null;
  @Field(() => ID) brokerId: string;
  @Field(() => ID) agencyId: string;
  @Field() message: string;
  @Field(() => IntroductionStatus) status: IntroductionStatus;
  @Field(() => PartyAnswer, { nullable: true }) demandAnswer: PartyAnswer | null;
  @Field(() => Date, { nullable: true }) demandAnsweredAt: Date | null;
  @Field(() => PartyAnswer, { nullable: true }) targetAnswer: PartyAnswer | null;
  @Field(() => Date, { nullable: true }) targetAnsweredAt: Date | null;
  @Field(() => IntroductionSide, { nullable: true }) declinedBySide: IntroductionSide | null;
  @Field(() => IntroductionDeclineReason, { nullable: true }) declineReason: IntroductionDeclineReason | null;
  @Field(() => String, { nullable: true }) declineComment: string | null;
  @Field(() => Date, { nullable: true, description: 'When both sides had accepted and acknowledged confidentiality' })
  revealedAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('IntroductionConnection')
export class IntroductionConnection extends Paginated(IntroductionObject) {}

@ObjectType('ListingFeedback', { description: 'A decline reported to the owner of the declined listing' })
export class ListingFeedbackObject {
  @Field(() => ID) id: string;
  @Field() listingType: string;
  @Field(() => ID) listingId: string;
  @Field(() => ID) introductionId: string;
  @Field(() => IntroductionDeclineReason) reason: IntroductionDeclineReason;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field() createdAt: Date;
}

@ObjectType('Deal')
export class DealObject {
  @Field(() => ID) id: string;
  @Field(() => ID) introductionId: string;
  @Field(() => ID) demandId: string;
  @Field(() => MatchTargetType) targetType: MatchTargetType;
  @Field(() => ID) targetId: string;
  @Field(() => ID) brokerId: string;
  @Field(() => ID) agencyId: string;
  @Field(() => DealStage) stage: DealStage;
  @Field() stageEnteredAt: Date;
  @Field(() => String, { nullable: true }) lostReason: string | null;
  @Field(() => Float, { nullable: true, description: '协议定价, 万元' }) agreedPriceWan: number | null;
  @Field(() => Float, { nullable: true, description: '万元' }) contractValueWan: number | null;
  @Field(() => Float, { nullable: true, description: "By the agency's commission rule, 万元" }) commissionWan:
    number | null;
  @Field(() => String, { nullable: true, description: '技术合同认定登记号' }) registrationNumber: string | null;
  @Field(() => String, { nullable: true, description: '登记机构 (the registration office)' })
  registrationAuthority: string | null;
  @Field(() => TechContractType, { nullable: true }) contractType: TechContractType | null;
  @Field(() => Float, { nullable: true, description: '技术交易额 (technical income), 万元' }) technicalIncomeWan:
    number | null;
  @Field(() => Date, { nullable: true }) registeredAt: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the registered value differs from the noticed agreed price (null when it agrees)',
  })
  valueDifferenceReason: string | null;
  @Field(() => Boolean, { nullable: true, description: 'For a registered licence: exclusive or not' })
  exclusiveLicence: boolean | null;
  @Field(() => PriceNoticeStatus) priceNoticeStatus: PriceNoticeStatus;
  @Field(() => String, { nullable: true, description: '暂停: why the broker put it on hold (null while it runs)' })
  onHoldReason: string | null;
  @Field(() => Date, { nullable: true }) onHoldSince: Date | null;
  @Field(() => Int) priceNoticeRound: number;
  @Field(() => Date, { nullable: true }) priceNoticeStartsAt: Date | null;
  @Field(() => Date, { nullable: true }) priceNoticeEndsAt: Date | null;
  @Field() lastActivityAt: Date;
  @Field() createdAt: Date;
}

@ObjectType('DealConnection')
export class DealConnection extends Paginated(DealObject) {}

@ObjectType('DealActivity')
export class DealActivityObject {
  @Field(() => ID) id: string;
  @Field(() => DealActivityKind) kind: DealActivityKind;
  @Field(() => ID, { nullable: true }) actorId: string | null;
  @Field(() => DealStage, { nullable: true }) fromStage: DealStage | null;
  @Field(() => DealStage, { nullable: true }) toStage: DealStage | null;
  @Field(() => String, { nullable: true }) body: string | null;
  @Field() createdAt: Date;
}

@ObjectType('DealRegistrationSnapshot', { description: 'The registration fields as they stood' })
export class DealRegistrationSnapshotObject {
  @Field(() => String, { nullable: true }) registrationNumber: string | null;
  @Field(() => String, { nullable: true }) registrationAuthority: string | null;
  @Field(() => Float, { nullable: true }) contractValueWan: number | null;
  @Field(() => Float, { nullable: true }) technicalIncomeWan: number | null;
  @Field(() => String, { nullable: true }) valueDifferenceReason: string | null;
}

@ObjectType('DealAmendment', { description: 'A correction of the registered contract: who, when, before, after, why' })
export class DealAmendmentObject {
  @Field(() => ID) id: string;
  @Field(() => ID) dealId: string;
  @Field(() => ID) actorId: string;
  @Field(() => DealRegistrationSnapshotObject) before: DealRegistrationSnapshotObject;
  @Field(() => DealRegistrationSnapshotObject) after: DealRegistrationSnapshotObject;
  @Field() reason: string;
  @Field() createdAt: Date;
}

@ObjectType('DealTask')
export class DealTaskObject {
  @Field(() => ID) id: string;
  @Field(() => ID) dealId: string;
  @Field() title: string;
  @Field(() => Date, { nullable: true }) dueAt: Date | null;
  @Field(() => Date, { nullable: true }) doneAt: Date | null;
  @Field() createdAt: Date;
}

@ObjectType('DealReminder')
export class DealReminderObject {
  @Field(() => ID) id: string;
  @Field(() => ID) dealId: string;
  @Field({ description: 'The last activity before the deal fell idle' }) idleSince: Date;
  @Field() createdAt: Date;
}

@ObjectType('PriceNotice', { description: '协议定价公示: a publicly noticed agreed price' })
export class PriceNoticeObject {
  @Field(() => ID) dealId: string;
  @Field(() => ID) achievementId: string;
  @Field() achievementTitle: string;
  @Field(() => ID, { description: 'The institution selling (whose TTO or broker published the notice)' })
  institutionId: string;
  @Field(() => Float) agreedPriceWan: number;
  @Field(() => Int) round: number;
  @Field(() => PriceNoticeStatus, { description: 'OPEN while it runs; ENDED, or OBJECTED if anyone objected' })
  status: PriceNoticeStatus;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
}

@ObjectType('PriceNoticeConnection')
export class PriceNoticeConnection extends Paginated(PriceNoticeObject, 'PriceNotice') {}

@ObjectType('BrokerAgencySettings')
export class BrokerAgencySettingsObject {
  @Field(() => ID) agencyId: string;
  @Field(() => Int) claimPeriodSeconds: number;
  @Field(() => Float) commissionPercent: number;
  @Field(() => Float, { nullable: true }) commissionMinWan: number | null;
  @Field(() => Float, { nullable: true }) commissionCapWan: number | null;
  @Field(() => Int) idleReminderDays: number;
  @Field(() => Int) priceNoticePeriodSeconds: number;
}

@ObjectType('BrokerAgencySettingChange')
export class BrokerAgencySettingChangeObject {
  @Field({ description: 'The setting, e.g. commissionPercent' }) setting: string;
  @Field(() => Float, { nullable: true }) before: number | null;
  @Field(() => Float, { nullable: true }) after: number | null;
}

@ObjectType('BrokerAgencySettingsChange', { description: "One change of an agency's settings (its audit trail)" })
export class BrokerAgencySettingsChangeObject {
  @Field(() => ID) id: string;
  @Field(() => ID) agencyId: string;
  @Field(() => ID, { description: 'Who changed them' }) changedById: string;
  @Field(() => GraphQLISODateTime) changedAt: Date;
  @Field(() => [BrokerAgencySettingChangeObject]) changes: BrokerAgencySettingChangeObject[];
}

@ObjectType('BrokerProfile')
export class BrokerProfileObject {
  @Field(() => ID) userId: string;
  @Field(() => [String]) industryCodes: string[];
  @Field(() => BrokerCredentialStatus, {
    description: 'NONE until submitted; broker work needs VERIFIED (and unexpired)',
  })
  credentialStatus: BrokerCredentialStatus;
  @Field(() => BrokerCredentialLevel, { nullable: true }) credentialLevel: BrokerCredentialLevel | null;
  @Field(() => String, { nullable: true }) certificateNumber: string | null;
  @Field(() => String, { nullable: true }) issuingBody: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) credentialExpiresAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) credentialSubmittedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) credentialDecidedAt: Date | null;
  @Field(() => String, { nullable: true, description: 'Why the platform rejected the credential' })
  credentialRejectionReason: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the broker acknowledged confidentiality' })
  confidentialityAcknowledgedAt: Date | null;
}

@ObjectType('BrokerStageCount')
export class BrokerStageCountObject {
  @Field(() => DealStage) stage: DealStage;
  @Field(() => Int) count: number;
}

@ObjectType('BrokerPerformance', { description: "A broker's own figures (my performance)" })
export class BrokerPerformanceObject {
  @Field(() => Int, { description: 'Claims that still hold' }) openClaims: number;
  @Field(() => Int) introductionsProposed: number;
  @Field(() => Int) introductionsAccepted: number;
  @Field(() => Int) introductionsDeclined: number;
  @Field(() => Float, { nullable: true, description: 'Accepted / (accepted + declined)' }) acceptanceRate:
    number | null;
  @Field(() => [BrokerStageCountObject], { description: 'My deals by current stage' })
  dealsByStage: BrokerStageCountObject[];
  @Field(() => Int, { description: 'Open deals idle past the agency idle period' }) idleDeals: number;
  @Field(() => Int) registeredContracts: number;
  @Field(() => Float, { description: '合同成交额, 万元' }) contractValueWan: number;
  @Field(() => Float, { description: '技术交易额, 万元' }) technicalIncomeWan: number;
  @Field(() => Float, { description: '万元' }) commissionWan: number;
}
