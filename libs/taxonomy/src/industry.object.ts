import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('Industry')
export class IndustryObject {
  @Field({ description: 'Stable code, e.g. "ai"' }) code: string;
  @Field() nameZh: string;
  @Field() nameEn: string;
  @Field(() => Int) sortOrder: number;
}
