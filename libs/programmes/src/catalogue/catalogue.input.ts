import { Field, ID, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { IsNotBlank, Trim } from '@app/core';

@InputType()
export class ApplyForCatalogueInput {
  @Field(() => ID, { nullable: true, description: 'The applying enterprise; defaults to your only enterprise' })
  @IsOptional()
  @IsUUID()
  enterpriseId?: string | null;
  @Field(() => ID) @IsUUID() achievementId: string;
  @Field() @Trim() @IsNotBlank() @IsString() @Length(2, 200) productName: string;
  @Field() @Trim() @IsNotBlank() @IsString() @Length(1, 5000) description: string;
}

@InputType()
export class RejectCatalogueEntryInput {
  @Field(() => ID) @IsUUID() id: string;
  @Field() @Trim() @IsNotBlank() @IsString() @MaxLength(2000) reason: string;
}
