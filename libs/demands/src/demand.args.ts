import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@app/core';
import { DemandKind } from './domain/demand-kind';
import { DemandStatus } from './domain/demand-status';

@InputType()
export class DemandFilter {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) industryCode?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @Field(() => DemandStatus, { nullable: true }) @IsOptional() @IsEnum(DemandStatus) status?: DemandStatus;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() organisationId?: string;
  @Field(() => DemandKind, { nullable: true }) @IsOptional() @IsEnum(DemandKind) kind?: DemandKind;
}

@ArgsType()
export class DemandsArgs extends ConnectionArgs {
  @Field(() => DemandFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => DemandFilter)
  filter?: DemandFilter;
}
