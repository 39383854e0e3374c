import { Args, Field, GraphQLISODateTime, ID, Int, Mutation, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { ConnectionArgs, OutboxSubject, Paginated } from '@app/core';
import { Actor, CurrentActor } from '@app/identity';
import { ArrayMaxSize, ArrayMinSize, IsString } from 'class-validator';
import { ArgsType } from '@nestjs/graphql';
import { OutboxDeadLetters } from '../outbox-dead-letters.service';

@ObjectType('OutboxDeadLetter', {
  description: 'A change that could not be indexed after every allowed attempt; it waits for an ADMIN to retry it',
})
export class OutboxDeadLetterObject {
  @Field(() => ID) id: string;
  @Field(() => String, { description: 'ACHIEVEMENT, EXPERT or DEMAND' }) subject: OutboxSubject;
  @Field(() => ID) subjectId: string;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
  @Field(() => GraphQLISODateTime) deadAt: Date;
}

@ObjectType()
export class OutboxDeadLetterConnection extends Paginated(OutboxDeadLetterObject) {}

@ArgsType()
export class RetryOutboxDeadLettersArgs {
  // Outbox rows are numbered (bigint), not UUIDs: String keeps them clear of the API's UUID check on ID arguments
  // (the service refuses what is not a row number: INVALID_OUTBOX_ROW_ID).
  @Field(() => [String], { description: 'Ids of OutboxDeadLetter rows' })
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsString({ each: true })
  ids: string[];
}

@Resolver()
export class OutboxDeadLettersResolver {
  constructor(private readonly deadLetters: OutboxDeadLetters) {}

  @Query(() => OutboxDeadLetterConnection, {
    description: 'ADMIN: outbox rows dead-lettered after failing, newest first',
  })
  outboxDeadLetters(@CurrentActor() actor: Actor, @Args() page: ConnectionArgs) {
    return this.deadLetters.list(actor, page);
  }

  @Mutation(() => Int, { description: 'ADMIN: puts dead-lettered outbox rows back in line; returns how many' })
  retryOutboxDeadLetters(@CurrentActor() actor: Actor, @Args() args: RetryOutboxDeadLettersArgs) {
    return this.deadLetters.retry(actor, args.ids);
  }
}
