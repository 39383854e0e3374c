import { ArgsType, Field, Float, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionArgs, Paginated } from '@app/core';
import { IsEnum, IsUUID } from 'class-validator';
import { MatchTargetType } from '../domain/match-document';
import { DeclineReason, MatchStatus } from '../domain/match-status';

registerEnumType(MatchTargetType, { name: 'MatchTargetType' });
registerEnumType(MatchStatus, { name: 'MatchStatus' });
registerEnumType(DeclineReason, { name: 'MatchDeclineReason' });

@ObjectType('MatchedTerm', { description: 'A key term of the demand found in the target' })
export class MatchedTermObject {
  @Field() term: string;
  @Field(() => String, {
    nullable: true,
    description: 'The synonym or translation that matched, when not the term itself',
  })
  via?: string;
  @Field(() => [String], { description: 'Target fields containing it' }) fields: string[];
}

@ObjectType('MatchFactor', { description: 'A structured factor that raised (effect > 0) or lowered the score' })
export class MatchFactorObject {
  @Field() factor: string;
  @Field(() => Float) effect: number;
  @Field() reason: string;
}

@ObjectType('MatchExplanation')
export class MatchExplanationObject {
  @Field(() => [MatchedTermObject]) matchedTerms: MatchedTermObject[];
  @Field(() => [String]) missingTerms: string[];
  @Field(() => Float, { description: 'Text relevance, normalised over the demand candidates (0-1)' }) textScore: number;
  @Field(() => Float, { description: 'Weighted share of the demand key terms present (0-1)' }) coverage: number;
  @Field(() => [MatchFactorObject]) factors: MatchFactorObject[];
}

@ObjectType('Match')
export class MatchObject {
  @Field(() => ID) id: string;
  @Field(() => ID) demandId: string;
  @Field(() => MatchTargetType) targetType: MatchTargetType;
  @Field(() => ID) targetId: string;
  @Field(() => Float) score: number;
  @Field(() => MatchExplanationObject) explanation: MatchExplanationObject;
  @Field() engineVersion: string;
  @Field(() => MatchStatus) status: MatchStatus;
  @Field(() => DeclineReason, { nullable: true }) declineReason: DeclineReason | null;
  @Field() computedAt: Date;
  @Field() updatedAt: Date;
}

@ObjectType('MatchConnection')
export class MatchConnection extends Paginated(MatchObject) {}

@ArgsType()
export class DemandMatchesArgs extends ConnectionArgs {
  @Field(() => ID)
  @IsUUID()
  demandId: string;
}

@ArgsType()
export class TargetMatchesArgs extends ConnectionArgs {
  @Field(() => MatchTargetType)
  @IsEnum(MatchTargetType)
  targetType: MatchTargetType;

  @Field(() => ID)
  @IsUUID()
  targetId: string;
}

@ArgsType()
export class DeclineMatchArgs {
  @Field(() => ID)
  @IsUUID()
  matchId: string;

  @Field(() => DeclineReason)
  @IsEnum(DeclineReason)
  reason: DeclineReason;
}

@ArgsType()
export class MatchIdArgs {
  @Field(() => ID)
  @IsUUID()
  matchId: string;
}
