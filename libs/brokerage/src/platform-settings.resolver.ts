import { Args, Field, ID, InputType, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { IsInt, IsOptional } from 'class-validator';
import { PlatformSettingsValues } from '@app/core';
import { Actor, CurrentActor } from '@app/identity';
import { BrokerAgencySettingChangeObject } from './brokerage.object';
import { PlatformSettingsService } from './platform-settings.service';

@ObjectType('PlatformSettings', {
  description: "The platform's bounds on claims and notices (set by the bureau, with defaults)",
})
export class PlatformSettingsObject implements PlatformSettingsValues {
  @Field(() => Int, { description: 'Claims one broker may hold at once (default 20)' }) maxOpenClaimsPerBroker: number;
  @Field(() => Int, { description: "Claims an agency's brokers may hold at once together (default 200)" })
  maxOpenClaimsPerAgency: number;
  @Field(() => Int, { description: 'Longest claim period an agency may set, seconds (default 30 days)' })
  maxClaimPeriodSeconds: number;
  @Field(() => Int, { description: 'Shortest 公示 an institution may set, seconds (default 15 days)' })
  minPublicNoticeSeconds: number;
  @Field(() => Int, { description: 'Shortest 协议定价公示 an agency may set, seconds (default 15 days)' })
  minPriceNoticeSeconds: number;
}

@InputType()
export class PlatformSettingsInput implements Partial<PlatformSettingsValues> {
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxOpenClaimsPerBroker?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxOpenClaimsPerAgency?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() maxClaimPeriodSeconds?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() minPublicNoticeSeconds?: number;
  @Field(() => Int, { nullable: true }) @IsOptional() @IsInt() minPriceNoticeSeconds?: number;
}

@ObjectType('PlatformSettingsChange', { description: 'One change of the platform settings (audit trail)' })
export class PlatformSettingsChangeObject {
  @Field(() => ID) id: string;
  @Field(() => ID) changedById: string;
  @Field() changedAt: Date;
  @Field(() => [BrokerAgencySettingChangeObject]) changes: BrokerAgencySettingChangeObject[];
}

@Resolver(() => PlatformSettingsObject)
export class PlatformSettingsResolver {
  constructor(private readonly settings: PlatformSettingsService) {}

  @Query(() => PlatformSettingsObject, { description: "The platform's bounds on claims and notices" })
  platformSettings(@CurrentActor() actor: Actor) {
    void actor;
    return this.settings.read();
  }

  @Mutation(() => PlatformSettingsObject, { description: "Change the platform's bounds (ADMIN; audited)" })
  updatePlatformSettings(@CurrentActor() actor: Actor, @Args('input') input: PlatformSettingsInput) {
    return this.settings.update(actor, input);
  }

  @Query(() => [PlatformSettingsChangeObject], {
    description: 'Changes of the platform settings, newest first (ADMIN)',
  })
  async platformSettingsHistory(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ): Promise<PlatformSettingsChangeObject[]> {
    const rows = await this.settings.changes(actor, Math.min(Math.max(first, 1), 100));
    return rows.map((row) => ({
      id: row.id,
      changedById: row.changedById,
      changedAt: row.changedAt,
      changes: Object.keys(row.after)
        .sort()
        .map((setting) => ({ setting, before: row.before[setting] ?? null, after: row.after[setting] ?? null })),
    }));
  }
}
