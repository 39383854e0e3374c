import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, fail } from '@app/core';
import { Actor, Role } from '@app/identity';
import {
  BrokerCredentialLevel,
  BrokerCredentialStatus,
  CERTIFICATE_NUMBER_MAX,
  credentialProblem,
  ISSUING_BODY_MAX,
} from './domain/broker-credential';
import { BrokerProfileEntity } from './entities/brokerage-settings.entity';

export interface BrokerCredentialInput {
  level: BrokerCredentialLevel;
  certificateNumber: string;
  issuingBody: string;
  expiresAt: Date;
}

/**
 * Brokers' 技术经纪人 credentials: a broker submits theirs, a platform ADMIN verifies or rejects it, and no broker
 * capability (work queue, claims, introductions, deals, confidential reads) works without a verified, unexpired one.
 */
@Injectable()
export class BrokerCredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  private get profiles() {
    return this.dataSource.getRepository(BrokerProfileEntity);
  }

  /** Pass the caller's EntityManager inside a locked transaction: no second pool connection while it holds locks. */
  async profileOf(userId: string, manager?: EntityManager): Promise<BrokerProfileEntity> {
    const profiles = manager ? manager.getRepository(BrokerProfileEntity) : this.profiles;
    return (await profiles.findOneBy({ userId })) ?? profiles.create({ userId, industryCodes: [] });
  }

  /**
   * The agency of a broker who may work now (first BROKER membership). FORBIDDEN for non-brokers
   * (`BROKER_ROLE_REQUIRED`), unverified (`BROKER_CREDENTIAL_NOT_VERIFIED`) or expired credentials
   * (`BROKER_CREDENTIAL_EXPIRED`, by the Clock).
   */
  async activeAgencyOf(actor: Actor, manager?: EntityManager): Promise<string> {
    const agencies = actor.organisationsWithRole(Role.BROKER);
    if (agencies.length === 0) throw fail('BROKER_ROLE_REQUIRED');
    const problem = credentialProblem(await this.profileOf(actor.userId, manager), this.clock.now());
    if (problem) throw fail(problem);
    return agencies[0];
  }

  async submit(actor: Actor, input: BrokerCredentialInput): Promise<BrokerProfileEntity> {
    if (!actor.hasRole(Role.BROKER)) throw fail('BROKER_ROLE_REQUIRED');
    const certificateNumber = input.certificateNumber.trim();
    const issuingBody = input.issuingBody.trim();
    if (!certificateNumber || certificateNumber.length > CERTIFICATE_NUMBER_MAX) {
      throw fail('BROKER_CREDENTIAL_FIELD_REQUIRED', { field: 'certificateNumber', max: CERTIFICATE_NUMBER_MAX });
    }
    if (!issuingBody || issuingBody.length > ISSUING_BODY_MAX) {
      throw fail('BROKER_CREDENTIAL_FIELD_REQUIRED', { field: 'issuingBody', max: ISSUING_BODY_MAX });
    }
    const now = this.clock.now();
    if (input.expiresAt.getTime() <= now.getTime())
      throw fail('BROKER_CREDENTIAL_ALREADY_EXPIRED', { field: 'expiresAt' });
    // A new submission (also a renewal) waits for review again: the platform checks every certificate it relies on.
    await this.profiles.upsert(
      {
        userId: actor.userId,
        credentialStatus: BrokerCredentialStatus.PENDING,
        credentialLevel: input.level,
        certificateNumber,
        issuingBody,
        credentialExpiresAt: input.expiresAt,
        credentialSubmittedAt: now,
        credentialDecidedAt: null,
        credentialDecidedById: null,
        credentialRejectionReason: null,
      },
      ['userId'],
    );
    return this.profileOf(actor.userId);
  }

  /** The platform's queue: credentials waiting for review, oldest first. */
  async queue(actor: Actor, limit: number): Promise<BrokerProfileEntity[]> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    return this.profiles.find({
      where: { credentialStatus: BrokerCredentialStatus.PENDING },
      order: { credentialSubmittedAt: 'ASC', userId: 'ASC' },
      take: limit,
    });
  }

  verify(actor: Actor, userId: string): Promise<BrokerProfileEntity> {
    return this.decide(actor, userId, BrokerCredentialStatus.VERIFIED, null);
  }

  reject(actor: Actor, userId: string, reason: string): Promise<BrokerProfileEntity> {
    const trimmed = reason.trim();
    if (!trimmed) throw fail('REJECTION_REASON_REQUIRED', { field: 'reason' });
    return this.decide(actor, userId, BrokerCredentialStatus.REJECTED, trimmed.slice(0, 2000));
  }

  /** The broker acknowledges the platform's confidentiality terms (once; needed before any confidential read). */
  async acknowledgeConfidentiality(actor: Actor): Promise<BrokerProfileEntity> {
    await this.activeAgencyOf(actor);
    const profile = await this.profileOf(actor.userId);
    if (!profile.confidentialityAcknowledgedAt) {
      await this.profiles.update({ userId: actor.userId }, { confidentialityAcknowledgedAt: this.clock.now() });
    }
    return this.profileOf(actor.userId);
  }

  /** A broker's own profile, or (for administrators) anyone's. */
  async profileFor(actor: Actor, userId?: string | null): Promise<BrokerProfileEntity> {
    if (!userId || userId === actor.userId) {
      if (!actor.hasRole(Role.BROKER)) throw fail('BROKER_ROLE_REQUIRED');
      return this.profileOf(actor.userId);
    }
    if (!actor.isAdmin) throw fail('BROKER_PROFILE_NOT_FOUND', { id: userId });
    const profile = await this.profiles.findOneBy({ userId });
    if (!profile) throw fail('BROKER_PROFILE_NOT_FOUND', { id: userId });
    return profile;
  }

  private async decide(
    actor: Actor,
    userId: string,
    status: BrokerCredentialStatus,
    reason: string | null,
  ): Promise<BrokerProfileEntity> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    return this.dataSource.transaction(async (manager) => {
      const profile = await manager.findOne(BrokerProfileEntity, {
        where: { userId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!profile) throw fail('BROKER_PROFILE_NOT_FOUND', { id: userId });
      if (profile.credentialStatus !== BrokerCredentialStatus.PENDING) {
        throw fail('BROKER_CREDENTIAL_NOT_PENDING', { currentStatus: profile.credentialStatus });
      }
      profile.credentialStatus = status;
      profile.credentialRejectionReason = reason;
      profile.credentialDecidedAt = this.clock.now();
      profile.credentialDecidedById = actor.userId;
      return manager.save(profile);
    });
  }
}
