import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import { BrokerCredentialsService } from './broker-credentials.service';
import { BrokerCredentialInput } from './brokerage.input';
import { BrokerProfileObject } from './brokerage.object';

/** Brokers' credentials: submitted by brokers, reviewed by platform administrators. */
@Resolver(() => BrokerProfileObject)
export class BrokerCredentialsResolver {
  constructor(private readonly credentials: BrokerCredentialsService) {}

  @Query(() => BrokerProfileObject, {
    description: "Your broker profile (brokers), or a broker's (platform administrators)",
  })
  brokerProfile(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID, nullable: true }) userId?: string | null,
  ) {
    return this.credentials.profileFor(actor, userId);
  }

  @Mutation(() => BrokerProfileObject, {
    description: '技术经纪人 credential for review (brokers); a renewal waits for review again',
  })
  submitBrokerCredential(@CurrentActor() actor: Actor, @Args('input') input: BrokerCredentialInput) {
    return this.credentials.submit(actor, input);
  }

  @Query(() => [BrokerProfileObject], { description: 'Credentials waiting for review, oldest first (ADMIN)' })
  brokerCredentialQueue(
    @CurrentActor() actor: Actor,
    @Args('first', { type: () => Int, defaultValue: 50 }) first: number,
  ) {
    return this.credentials.queue(actor, Math.min(Math.max(first, 1), 100));
  }

  @Mutation(() => BrokerProfileObject, { description: "Verify a broker's credential (ADMIN)" })
  verifyBrokerCredential(@CurrentActor() actor: Actor, @Args('userId', { type: () => ID }) userId: string) {
    return this.credentials.verify(actor, userId);
  }

  @Mutation(() => BrokerProfileObject, { description: "Reject a broker's credential with a reason (ADMIN)" })
  rejectBrokerCredential(
    @CurrentActor() actor: Actor,
    @Args('userId', { type: () => ID }) userId: string,
    @Args('reason') reason: string,
  ) {
    return this.credentials.reject(actor, userId, reason.slice(0, 2000));
  }

  @Mutation(() => BrokerProfileObject, {
    description:
      "Acknowledge the platform's confidentiality terms (verified brokers): needed before reading any confidential detail",
  })
  acknowledgeBrokerConfidentiality(@CurrentActor() actor: Actor) {
    return this.credentials.acknowledgeConfidentiality(actor);
  }
}
