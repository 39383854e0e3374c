import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, Not } from 'typeorm';
import { Clock, Connection, ErrorReason, fail, notFound, pageNewestFirst } from '@app/core';
import { assertEmailVerified } from './account-guards';
import { Actor } from './domain/actor';
import { CreditCodeProblem, creditCodeProblem, normaliseCreditCode } from './domain/credit-code';
import {
  CREDIT_CODE_REQUIRED_KINDS,
  maySubmitVerification,
  OrganisationVerificationStatus,
  VerificationRequestStatus,
} from './domain/verification';
import { OrganisationKind } from './domain/roles';
import { OrganisationEntity } from './entities/organisation.entity';
import { OrganisationVerificationRequestEntity } from './entities/organisation-verification-request.entity';
import { MembershipsService } from './memberships.service';

export interface VerificationSubmission {
  organisationId: string;
  registeredName: string;
  creditCode?: string | null;
  evidence?: string | null;
}

/** The reason of each problem a 统一社会信用代码 can have. */
const CREDIT_CODE_REASONS: { readonly [P in CreditCodeProblem]: ErrorReason } = {
  LENGTH: 'CREDIT_CODE_LENGTH',
  CHARACTERS: 'CREDIT_CODE_CHARACTERS',
  CHECK_CHARACTER: 'CREDIT_CODE_CHECK_CHARACTER',
};

/**
 * Organisation verification: an organisation's administrator submits what the bureau needs to check it (for an
 * enterprise or an agency its 统一社会信用代码, refused unless its check character is right); an ADMIN verifies it
 * or rejects it with a reason. The outcome is the organisation's public badge.
 */
@Injectable()
export class OrganisationVerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly memberships: MembershipsService,
    private readonly clock: Clock,
  ) {}

  async submit(actor: Actor, input: VerificationSubmission): Promise<OrganisationVerificationRequestEntity> {
    const registeredName = input.registeredName.trim();
    if (!registeredName) throw fail('REGISTERED_NAME_REQUIRED', { field: 'registeredName' });
    const creditCode = input.creditCode?.trim() ? normaliseCreditCode(input.creditCode) : null;
    if (creditCode) {
      const problem = creditCodeProblem(creditCode);
      if (problem) throw fail(CREDIT_CODE_REASONS[problem], { field: 'creditCode' });
    }
    return this.dataSource.transaction(async (manager) => {
      const organisation = await this.memberships.administeredOrganisation(actor, input.organisationId, manager);
      assertEmailVerified(actor);
      if (!creditCode && CREDIT_CODE_REQUIRED_KINDS.includes(organisation.kind)) {
        throw fail('CREDIT_CODE_REQUIRED', { field: 'creditCode' });
      }
      const locked = await manager.findOneOrFail(OrganisationEntity, {
        where: { id: organisation.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!maySubmitVerification(locked.verificationStatus)) {
        throw fail(
          locked.verificationStatus === OrganisationVerificationStatus.VERIFIED
            ? 'ORGANISATION_ALREADY_VERIFIED'
            : 'VERIFICATION_ALREADY_PENDING',
          { status: locked.verificationStatus },
        );
      }
      if (creditCode) await this.requireUnclaimedCode(manager, creditCode, organisation.id);
      const request = await manager.save(
        manager.create(OrganisationVerificationRequestEntity, {
          organisationId: organisation.id,
          submittedById: actor.userId,
          registeredName,
          creditCode,
          evidence: input.evidence?.trim() || null,
          status: VerificationRequestStatus.PENDING,
          decidedById: null,
          decidedAt: null,
          rejectionReason: null,
        }),
      );
      await manager.update(
        OrganisationEntity,
        { id: organisation.id },
        { verificationStatus: OrganisationVerificationStatus.PENDING },
      );
      return request;
    });
  }

  /** The bureau's queue: requests awaiting a decision (newest first, with the total). ADMIN only. */
  async queue(
    actor: Actor,
    page: { first: number; after?: string },
  ): Promise<Connection<OrganisationVerificationRequestEntity>> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    const query = this.dataSource
      .getRepository(OrganisationVerificationRequestEntity)
      .createQueryBuilder('r')
      .where('r.status = :pending', { pending: VerificationRequestStatus.PENDING });
    return pageNewestFirst(query, 'r', page);
  }

  /**
   * The latest request of each of these organisations the actor administers (their administrators and platform
   * administrators; the others are left out), in one query.
   */
  async latestRequests(
    actor: Actor | undefined,
    organisationIds: readonly string[],
  ): Promise<OrganisationVerificationRequestEntity[]> {
    const administered = [...new Set(organisationIds)].filter((id) => actor?.isOrgAdmin(id));
    if (administered.length === 0) return [];
    return this.dataSource
      .getRepository(OrganisationVerificationRequestEntity)
      .createQueryBuilder('r')
      .distinctOn(['r.organisation_id'])
      .where('r.organisation_id IN (:...administered)', { administered })
      .orderBy('r.organisation_id')
      .addOrderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .getMany();
  }

  /** Verifies the organisation; `stateOwned` records (or clears) the bureau's finding that it is state-owned. */
  async approve(actor: Actor, requestId: string, stateOwned?: boolean): Promise<OrganisationVerificationRequestEntity> {
    return this.decide(actor, requestId, async (manager, request) => {
      const now = this.clock.now();
      if (request.creditCode) await this.requireUnclaimedCode(manager, request.creditCode, request.organisationId);
      await manager.update(
        OrganisationEntity,
        { id: request.organisationId },
        {
          verificationStatus: OrganisationVerificationStatus.VERIFIED,
          verifiedAt: now,
          ...(request.creditCode ? { creditCode: request.creditCode } : {}),
          ...(stateOwned !== undefined ? { stateOwned } : {}),
        },
      );
      Object.assign(request, { status: VerificationRequestStatus.APPROVED, decidedById: actor.userId, decidedAt: now });
      return manager.save(request);
    });
  }

  /**
   * Records (or withdraws) the bureau's finding that a verified enterprise is state-owned (国有企业), for enterprises
   * verified before the finding existed or whose ownership changed: a state-owned one may post application
   * scenarios. ADMIN only; only a verified enterprise (else STATE_OWNED_NOT_APPLICABLE).
   */
  async setStateOwned(actor: Actor, organisationId: string, stateOwned: boolean): Promise<OrganisationEntity> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    const repository = this.dataSource.getRepository(OrganisationEntity);
    const organisation = await repository.findOneBy({ id: organisationId });
    if (!organisation) throw fail('ORGANISATION_NOT_FOUND', { id: organisationId });
    if (
      organisation.kind !== OrganisationKind.ENTERPRISE ||
      organisation.verificationStatus !== OrganisationVerificationStatus.VERIFIED
    ) {
      throw fail('STATE_OWNED_NOT_APPLICABLE', { kind: organisation.kind, status: organisation.verificationStatus });
    }
    if (organisation.stateOwned !== stateOwned) await repository.update({ id: organisationId }, { stateOwned });
    return repository.findOneByOrFail({ id: organisationId });
  }

  async reject(actor: Actor, requestId: string, reason: string): Promise<OrganisationVerificationRequestEntity> {
    const why = reason.trim();
    if (!why) throw fail('REJECTION_REASON_REQUIRED', { field: 'reason' });
    return this.decide(actor, requestId, async (manager, request) => {
      const now = this.clock.now();
      await manager.update(
        OrganisationEntity,
        { id: request.organisationId },
        { verificationStatus: OrganisationVerificationStatus.REJECTED },
      );
      Object.assign(request, {
        status: VerificationRequestStatus.REJECTED,
        decidedById: actor.userId,
        decidedAt: now,
        rejectionReason: why,
      });
      return manager.save(request);
    });
  }

  private decide(
    actor: Actor,
    requestId: string,
    apply: (
      manager: EntityManager,
      request: OrganisationVerificationRequestEntity,
    ) => Promise<OrganisationVerificationRequestEntity>,
  ): Promise<OrganisationVerificationRequestEntity> {
    return this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(OrganisationVerificationRequestEntity, {
        where: { id: requestId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request || !actor.isOrgAdmin(request.organisationId)) throw notFound('Verification request', requestId);
      if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
      if (request.status !== VerificationRequestStatus.PENDING) {
        throw fail('VERIFICATION_ALREADY_DECIDED', { status: request.status });
      }
      return apply(manager, request);
    });
  }

  /** One verified organisation per 统一社会信用代码. */
  private async requireUnclaimedCode(manager: EntityManager, creditCode: string, organisationId: string) {
    const holder = await manager.findOneBy(OrganisationEntity, { creditCode, id: Not(organisationId) });
    if (holder) {
      throw fail('CREDIT_CODE_TAKEN', { field: 'creditCode' });
    }
  }
}

/** Only a VERIFIED organisation publishes (demands): FORBIDDEN with a reason the web app can act on. */
export function assertOrganisationVerified(organisation: Pick<OrganisationEntity, 'verificationStatus'>): void {
  if (organisation.verificationStatus !== OrganisationVerificationStatus.VERIFIED) {
    throw fail('ORGANISATION_NOT_VERIFIED', { verificationStatus: organisation.verificationStatus });
  }
}
