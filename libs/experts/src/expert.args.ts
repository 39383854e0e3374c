import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ConnectionArgs } from '@app/core';
import { ExpertService } from './domain/expert-service';

@InputType()
export class ExpertFilter {
  @Field(() => ID, { nullable: true, description: 'Institution' }) @IsOptional() @IsUUID() organisationId?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) region?: string;
  @Field(() => ExpertService, { nullable: true }) @IsOptional() @IsEnum(ExpertService) service?: ExpertService;
  @Field({ nullable: true, description: 'Language code, e.g. en' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  language?: string;
  @Field({ nullable: true, description: 'Exact research field or keyword' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  field?: string;
  @Field(() => Boolean, { nullable: true, description: "Only the viewer's own profile (the account's expert profile)" })
  @IsOptional()
  @IsBoolean()
  mine?: boolean;
}

@ArgsType()
export class ExpertsArgs extends ConnectionArgs {
  @Field(() => ExpertFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => ExpertFilter)
  filter?: ExpertFilter;
}
