import { Field, ID, ObjectType } from '@nestjs/graphql';

/**
 * Someone as other people see them: a name and the organisations they belong to, never an email or a role
 * list. A Person appears only as a field of an object the viewer may already see (a claim's broker, who read a
 * demand's details); the object's own rule decides whether the field is shown at all.
 */
@ObjectType('Person')
export class PersonObject {
  @Field(() => ID) id: string;
  @Field() displayName: string;
}
