import { Field, Float, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Paginated } from '@app/core';
import { CooperationMode } from './domain/cooperation-mode';
import { DemandKind } from './domain/demand-kind';
import { DemandAction, DemandStatus } from './domain/demand-status';

registerEnumType(DemandStatus, {
  name: 'DemandStatus',
  description: 'DRAFT → OPEN → IN_PROGRESS → SOLVED, or CLOSED; EXPIRED past the deadline',
});
registerEnumType(DemandAction, { name: 'DemandAction' });
registerEnumType(DemandKind, {
  name: 'DemandKind',
  description: 'A technical problem (技术需求) or an application scenario (应用场景)',
  valuesMap: {
    TECHNICAL_PROBLEM: { description: '技术需求' },
    APPLICATION_SCENARIO: {
      description: '应用场景: a public body or state-owned enterprise opens a site for new technology',
    },
  },
});
registerEnumType(CooperationMode, {
  name: 'CooperationMode',
  description: 'Accepted cooperation modes',
  valuesMap: {
    TRANSFER: { description: '转让' },
    LICENSE: { description: '许可' },
    EQUITY: { description: '作价入股' },
    JOINT_DEVELOPMENT: { description: '合作开发' },
    TECHNICAL_SERVICE: { description: '技术服务' },
  },
});

@ObjectType('TechnicalIndicator')
export class TechnicalIndicatorObject {
  @Field() name: string;
  @Field(() => String, { nullable: true }) current: string | null;
  @Field() target: string;
  @Field({ description: '必须满足 (true) or 最好满足 (false)' }) mustHave: boolean;
}

/**
 * An enterprise demand. `organisation` (null when the demand is anonymous and the viewer is outside the posting
 * organisation) and `confidentialDetails` are resolved by DemandResolver with their protection.
 */
@ObjectType('Demand')
export class DemandObject {
  @Field(() => ID) id: string;
  @Field(() => DemandKind) kind: DemandKind;
  @Field() title: string;
  @Field({ description: 'Public summary' }) summary: string;
  @Field(() => String, { nullable: true, description: 'Application scenario: the site' }) site: string | null;
  @Field(() => String, { nullable: true, description: 'Application scenario: the data and facilities available' })
  dataAvailable: string | null;
  @Field(() => String, { nullable: true, description: 'Application scenario: the timeline' }) timeline: string | null;
  @Field() industryCode: string;
  @Field(() => [TechnicalIndicatorObject]) technicalIndicators: TechnicalIndicatorObject[];
  @Field(() => Float, { nullable: true, description: '万元' }) budgetMinWan: number | null;
  @Field(() => Float, { nullable: true, description: '万元' }) budgetMaxWan: number | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) deadline: Date | null;
  @Field(() => [CooperationMode]) cooperationModes: CooperationMode[];
  @Field(() => String, { nullable: true }) region: string | null;
  @Field({ description: 'The company name is hidden from the public' }) anonymous: boolean;
  @Field(() => DemandStatus) status: DemandStatus;
  @Field(() => String, { nullable: true }) externalId: string | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) publishedAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) updatedAt: Date;
  organisationId: string;
  confidentialDetails: string | null;
}

@ObjectType('DemandConnection')
export class DemandConnection extends Paginated(DemandObject) {}

@ObjectType('DemandConfidentialRead')
export class DemandConfidentialReadObject {
  @Field(() => ID) id: string;
  @Field(() => ID) userId: string;
  @Field(() => GraphQLISODateTime) readAt: Date;
}
