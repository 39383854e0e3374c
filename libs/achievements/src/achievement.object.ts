import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '@app/core';
import {
  AchievementLanguage,
  AchievementStatus,
  IpType,
  RightsProposalKind,
  TransferMode,
} from './domain/achievement-enums';
import { WorkflowEvent } from './domain/rights-workflow';
import { ObjectionOutcome } from './entities/achievement-objection.entity';

registerEnumType(AchievementStatus, {
  name: 'AchievementStatus',
  description: 'Where an achievement stands in 先确权、后转化',
});
registerEnumType(IpType, {
  name: 'IpType',
  description: '发明专利, 实用新型, 外观设计, 软件著作权, 集成电路布图设计, 植物新品种, 技术秘密',
});
registerEnumType(TransferMode, { name: 'TransferMode', description: '转让, 许可, 作价入股, 合作开发, 技术服务' });
registerEnumType(AchievementLanguage, { name: 'AchievementLanguage' });
registerEnumType(RightsProposalKind, {
  name: 'RightsProposalKind',
  description: 'Team ownership share or long-term use right',
});
registerEnumType(WorkflowEvent, { name: 'AchievementWorkflowEvent' });

@ObjectType('FileMetadata', { description: 'A file kept elsewhere: its name, location and fingerprint' })
export class FileMetadataObject {
  @Field(() => ID, { nullable: true, description: 'The uploaded file; download it at `url` with a bearer token' })
  fileId?: string | null;
  @Field() name: string;
  @Field(() => String, { nullable: true }) url: string | null;
  @Field(() => String, { nullable: true }) mimeType: string | null;
  @Field(() => Int, { nullable: true }) sizeBytes: number | null;
  @Field(() => String, { nullable: true }) sha256: string | null;
}

@ObjectType('AchievementInventor', { description: '完成人: a user or a named person' })
export class InventorObject {
  @Field(() => ID) id: string;
  @Field(() => ID, { nullable: true }) userId: string | null;
  @Field() name: string;
  @Field(() => Float, { description: 'Contribution share in percent' }) contributionShare: number;
  @Field(() => GraphQLISODateTime, { nullable: true }) consentedAt: Date | null;
}

@ObjectType('RightsProposal')
export class RightsProposalObject {
  @Field(() => RightsProposalKind) kind: RightsProposalKind;
  @Field(() => Float, { nullable: true }) teamSharePercent: number | null;
  @Field(() => Int, { nullable: true }) useRightYears: number | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) agreementSignedAt: Date | null;
}

@ObjectType('AchievementTransition', { description: 'One step of the evidence record' })
export class TransitionObject {
  @Field(() => ID) id: string;
  @Field({ description: 'Workflow event, or CREATE / IMPORT' }) event: string;
  @Field(() => AchievementStatus, { nullable: true }) fromStatus: AchievementStatus | null;
  @Field(() => AchievementStatus) toStatus: AchievementStatus;
  @Field(() => ID, { nullable: true, description: 'Null when a scheduled job or an import acted' }) actorId:
    string | null;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => [FileMetadataObject]) documents: FileMetadataObject[];
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('AchievementObjection')
export class ObjectionObject {
  @Field(() => ID) id: string;
  @Field(() => ID) objectorId: string;
  @Field() reason: string;
  @Field(() => Int) noticeRound: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt: Date | null;
  @Field(() => String, { nullable: true }) resolution: string | null;
  @Field(() => ObjectionOutcome, { nullable: true }) outcome: ObjectionOutcome | null;
}

@ObjectType('AchievementNoticeWindow')
export class NoticeWindowObject {
  @Field(() => Int) round: number;
  @Field(() => GraphQLISODateTime) startsAt: Date;
  @Field(() => GraphQLISODateTime) endsAt: Date;
}

@ObjectType('Achievement', { description: '科技成果. Confidential fields are null for viewers who may not see them.' })
export class AchievementObject {
  @Field(() => ID) id: string;
  @Field() title: string;
  @Field({ description: 'Public, non-confidential summary' }) summary: string;
  @Field(() => String, { nullable: true, description: 'Confidential: institution members, inventors, brokers, admins' })
  description?: string | null;
  @Field(() => [String]) keywords: string[];
  @Field(() => String, { nullable: true }) industryCode: string | null;
  @Field(() => Int, { nullable: true, description: 'Technology readiness level 1–9' }) trl: number | null;
  @Field(() => IpType, { nullable: true }) ipType: IpType | null;
  @Field(() => [String]) ipRegistrationNumbers: string[];
  @Field(() => [TransferMode]) transferModes: TransferMode[];
  @Field(() => Float, { nullable: true, description: 'In 万元; null = 面议 (negotiable)' }) askingPriceWan:
    number | null;
  @Field(() => ID) institutionId: string;
  @Field(() => String, { nullable: true }) region: string | null;
  @Field(() => AchievementLanguage) language: AchievementLanguage;
  @Field(() => [FileMetadataObject], { nullable: true, description: 'Confidential, like description' })
  attachments?: FileMetadataObject[] | null;
  @Field(() => String, { nullable: true, description: '转化实施方案; confidential' }) conversionPlan?: string | null;
  @Field(() => AchievementStatus) status: AchievementStatus;
  @Field({ description: '学校所有: the institution keeps the rights' }) institutionOwned: boolean;
  @Field(() => ID, { nullable: true }) ownerId: string | null;
  @Field(() => ID, { nullable: true, description: '赋权代表' }) representativeId: string | null;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => String, { nullable: true, description: 'Reason of the last rejection (team and TTO only)' })
  rejectionReason?: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) listedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) reconfirmedAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
}

@ObjectType()
export class AchievementConnection extends Paginated(AchievementObject) {}

/**
 * 公示: what anyone may see while the notice window is open. `institutionName`, `institution`, `team` and
 * `proposal` are resolved (batched) by PublicNoticeResolver.
 */
@ObjectType('AchievementPublicNotice', { description: '公示: what anyone may see while the notice window is open' })
export class PublicNoticeObject {
  @Field(() => ID) achievementId: string;
  @Field() title: string;
  @Field() summary: string;
  @Field(() => ID) institutionId: string;
  @Field(() => NoticeWindowObject) window: NoticeWindowObject;
}

@ObjectType('AchievementPublicNoticeConnection')
export class PublicNoticeConnection extends Paginated(PublicNoticeObject, 'AchievementPublicNotice') {}

registerEnumType(ObjectionOutcome, {
  name: 'ObjectionOutcome',
  description: 'APPLICATION_RETURNED: the TTO returned the application; NOTICE_RESTARTED: approved again, a new notice',
});

export enum ObjectionStatus {
  PENDING = 'PENDING',
  RESOLVED = 'RESOLVED',
}
registerEnumType(ObjectionStatus, { name: 'ObjectionStatus' });

@ObjectType('MyObjection', {
  description:
    "An objection you filed to a public notice, and what became of it (never the achievement's confidential fields)",
})
export class MyObjectionObject {
  @Field(() => ID) id: string;
  @Field(() => ID) achievementId: string;
  @Field() reason: string;
  @Field(() => Int) noticeRound: number;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => ObjectionStatus) status: ObjectionStatus;
  @Field(() => ObjectionOutcome, { nullable: true }) outcome: ObjectionOutcome | null;
  @Field(() => String, { nullable: true, description: "The TTO's answer" }) resolution: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt: Date | null;
}

@ObjectType('MyObjectionConnection')
export class MyObjectionConnection extends Paginated(MyObjectionObject, 'MyObjection') {}

@ObjectType('AchievementSettings', { description: "An institution's rules for the rights-confirmation workflow" })
export class AchievementSettingsObject {
  @Field(() => ID) institutionId: string;
  @Field(() => Int) noticePeriodSeconds: number;
  @Field(() => Float, { description: 'The notice period in days (15 by default)' }) noticePeriodDays: number;
  @Field(() => Int) stalePeriodDays: number;
  @Field(() => Float) minTeamSharePercent: number;
  @Field(() => Float) maxTeamSharePercent: number;
  @Field(() => [String], { description: 'Negative list: industry codes, IP types or keywords excluded from 赋权' })
  negativeList: string[];
}
