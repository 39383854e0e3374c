import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Brackets, DataSource, EntityManager, In } from 'typeorm';
import { badInput, Clock, conflict, Connection, forbidden, JobIntentRelay, notFound, pageNewestFirst } from '@app/core';
import { AchievementEntity, AchievementStatus } from '@app/achievements';
import { DemandsService } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { Actor, OrganisationEntity, Role, UserEntity } from '@app/identity';
import { DeclineReason, MatchEntity, MatchesService, MatchStatus, MatchTargetType } from '@app/matching';
import { EventKind, EventParams, NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import {
  acknowledgeProblem,
  answerProblem,
  ConsentState,
  IntroductionDeclineReason,
  IntroductionSide,
  IntroductionStatus,
  isRevealed,
  PartyAnswer,
  statusAfterAnswer,
} from './domain/introduction-consent';
import { DealStage } from './domain/deal-workflow';
import { DealActivityEntity, DealActivityKind, DealEntity } from './entities/deal.entity';
import { EntrustmentEntity } from './entities/entrustment.entity';
import {
  IntroductionAcknowledgementEntity,
  IntroductionEntity,
  IntroductionRevealEntity,
  ListingFeedbackEntity,
  RevealedDetail,
} from './entities/introduction.entity';
import { MatchClaimEntity } from './entities/match-claim.entity';
import { CLAIM_HOLDS } from './claims.service';
import { IntroductionAccessProvider } from './introduction-access.provider';
import { BrokerCredentialsService } from './broker-credentials.service';
import { PartiesService, restrictToParticipants } from './parties.service';
import { pairTitle, partyAudiences, PartySide } from './notification-parties';

/** The confidentiality terms parties click through (the version is stored with each acknowledgement). */
export const CONFIDENTIALITY_TERMS_VERSION = 'intro-nda-2026-01';

/** How an introduction decline feeds the matching engine's fixed list. */
const MATCH_DECLINE_REASON: { readonly [R in IntroductionDeclineReason]: DeclineReason } = {
  [IntroductionDeclineReason.TOO_EARLY]: DeclineReason.NOT_MATURE_ENOUGH,
  [IntroductionDeclineReason.UNCLEAR_BENEFIT]: DeclineReason.UNCLEAR_BENEFIT,
  [IntroductionDeclineReason.NO_COMMERCIAL_ROUTE]: DeclineReason.NO_COMMERCIAL_ROUTE,
  [IntroductionDeclineReason.PRICE]: DeclineReason.TOO_EXPENSIVE,
  [IntroductionDeclineReason.OTHER]: DeclineReason.OTHER,
};

export interface ProposeInput {
  matchId?: string | null;
  demandId?: string | null;
  targetType?: MatchTargetType | null;
  targetId?: string | null;
  message?: string | null;
}

export interface AnswerInput {
  accept: boolean;
  side?: IntroductionSide | null;
  reason?: IntroductionDeclineReason | null;
  comment?: string | null;
}

export interface ContactPerson {
  name: string;
  email: string | null;
  phone: string | null;
  organisationName: string | null;
  role: string;
}

/**
 * Introductions with consent. A broker proposes a pair (from a claimed match or an entrusted listing); each side
 * answers; both accepted → a deal starts; once each side also acknowledged confidentiality, contacts and the
 * demand's confidential details are revealed to the acknowledging people, and every reveal is logged.
 */
@Injectable()
export class IntroductionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parties: PartiesService,
    private readonly credentials: BrokerCredentialsService,
    private readonly matches: MatchesService,
    private readonly demands: DemandsService,
    private readonly access: IntroductionAccessProvider,
    private readonly notifications: NotificationEventsService,
    private readonly intents: JobIntentRelay,
    private readonly clock: Clock,
  ) {}

  /**
   * Achievements a deal moved off the public market (IN_NEGOTIATION, TRANSFERRED), by id: the pair's broker and
   * parties saw them listed and keep seeing their public fields on the introduction and the deal (the caller has
   * checked that the viewer sees the pair).
   */
  heldAchievements(ids: readonly string[]): Promise<AchievementEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(AchievementEntity).findBy({
      id: In([...ids]),
      status: In([AchievementStatus.IN_NEGOTIATION, AchievementStatus.TRANSFERRED]),
    });
  }

  // ---- proposing ----

  async propose(actor: Actor, input: ProposeInput): Promise<IntroductionEntity> {
    const agencyId = await this.credentials.activeAgencyOf(actor);
    const now = this.clock.now();
    let pair: { demandId: string; targetType: MatchTargetType; targetId: string };
    let match: MatchEntity | null = null;
    if (input.matchId) {
      match = await this.dataSource.getRepository(MatchEntity).findOneBy({ id: input.matchId });
      if (!match) throw notFound('Match', input.matchId);
      pair = { demandId: match.demandId, targetType: match.targetType, targetId: match.targetId };
    } else {
      if (!input.demandId || !input.targetType || !input.targetId) {
        throw badInput('Give a matchId, or a demandId with targetType and targetId', { field: 'matchId' });
      }
      pair = { demandId: input.demandId, targetType: input.targetType, targetId: input.targetId };
      match = await this.dataSource.getRepository(MatchEntity).findOneBy(pair);
    }
    const resolved = await this.parties.resolve(pair);
    this.parties.assertAvailable(resolved);
    const claim = match ? await this.heldClaim(match.id, now) : null;
    if (claim && claim.brokerId !== actor.userId) throw forbidden('Another broker holds the claim on this match');
    if (!claim && !(await this.isEntrustedTo(actor, pair))) {
      throw forbidden('Claim the match, or be entrusted with the demand or the achievement, before introducing');
    }
    const declined = await this.dataSource
      .getRepository(IntroductionEntity)
      .existsBy({ ...pair, status: IntroductionStatus.DECLINED });
    if (declined || match?.status === MatchStatus.DECLINED)
      throw conflict('This pair was declined and is not introduced again');
    let proposed: IntroductionEntity;
    try {
      proposed = await this.dataSource.transaction(async (manager) => {
        const introduction = await manager.save(
          manager.create(IntroductionEntity, {
            ...pair,
            matchId: match?.id ?? null,
            claimId: claim?.id ?? null,
            brokerId: actor.userId,
            agencyId,
            demandOrganisationId: resolved.demand.organisationId,
            targetOrganisationId: resolved.targetOrganisationId,
            message: input.message?.trim() ?? '',
            status: IntroductionStatus.PROPOSED,
          }),
        );
        await this.notifyParties(manager, introduction, NotificationKind.INTRODUCTION_PROPOSED, {
          eventKey: introduction.id,
          actorId: actor.userId,
          sides: ['DEMAND', 'TARGET'],
          params: { reason: introduction.message || null },
        });
        return introduction;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw conflict('An introduction of this pair is already open');
      throw error;
    }
    await this.intents.relayNow();
    return proposed;
  }

  async withdraw(actor: Actor, id: string): Promise<IntroductionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const introduction = await this.lock(manager, id);
      if (introduction.brokerId !== actor.userId)
        throw forbidden('Only the proposing broker withdraws an introduction');
      if (introduction.status !== IntroductionStatus.PROPOSED) {
        throw badInput(`A ${introduction.status} introduction cannot be withdrawn`, {
          field: 'id',
          currentStatus: introduction.status,
        });
      }
      introduction.status = IntroductionStatus.WITHDRAWN;
      return manager.save(introduction);
    });
  }

  // ---- answering ----

  /** One side accepts or declines (with a reason from the fixed list). Both accepted → the deal starts. */
  async answer(actor: Actor, id: string, input: AnswerInput): Promise<IntroductionEntity> {
    if (!input.accept && !input.reason) throw badInput('A reason is required to decline', { field: 'reason' });
    if (input.accept && input.reason) throw badInput('A reason is only given when declining', { field: 'reason' });
    let declinedPair: IntroductionEntity | null = null;
    const saved = await this.dataSource.transaction(async (manager) => {
      const introduction = await this.lock(manager, id);
      const side = await this.sideOf(actor, introduction, input.side ?? null);
      const state = consentState(introduction, []);
      const problem = answerProblem(state, side);
      if (problem) throw badInput(problem, { field: 'id', currentStatus: introduction.status });
      const answer = input.accept ? PartyAnswer.ACCEPTED : PartyAnswer.DECLINED;
      const now = this.clock.now();
      if (side === IntroductionSide.DEMAND) {
        Object.assign(introduction, { demandAnswer: answer, demandAnsweredAt: now, demandAnsweredById: actor.userId });
      } else {
        Object.assign(introduction, { targetAnswer: answer, targetAnsweredAt: now, targetAnsweredById: actor.userId });
      }
      introduction.status = statusAfterAnswer(state, side, answer);
      const other: PartySide = side === IntroductionSide.DEMAND ? 'TARGET' : 'DEMAND';
      if (answer === PartyAnswer.ACCEPTED) {
        await this.notifyParties(manager, introduction, NotificationKind.INTRODUCTION_ACCEPTED, {
          eventKey: `${introduction.id}:${side}`,
          actorId: actor.userId,
          sides: [other, 'BROKER'],
          params: { outcome: side },
        });
      }
      if (answer === PartyAnswer.DECLINED) {
        introduction.declinedBySide = side;
        introduction.declineReason = input.reason!;
        introduction.declineComment = input.comment?.trim() || null;
        await this.recordFeedback(manager, introduction);
        await this.notifyParties(manager, introduction, NotificationKind.INTRODUCTION_DECLINED, {
          eventKey: `${introduction.id}:${side}`,
          actorId: actor.userId,
          sides: [other, 'BROKER'],
          params: {
            outcome: side,
            reason: [introduction.declineReason, introduction.declineComment].filter(Boolean).join('\n'),
          },
          data: { reason: introduction.declineReason },
        });
        declinedPair = introduction;
      }
      if (introduction.status === IntroductionStatus.ACCEPTED) {
        // A side withdrawn or closed since the proposal starts no deal.
        this.parties.assertAvailable(await this.parties.resolve(introduction));
        await this.startDeal(manager, introduction, now);
      }
      await this.updateReveal(manager, introduction, now);
      return manager.save(introduction);
    });
    if (declinedPair) {
      // Into matching: the pair is never suggested again.
      const { demandId, targetType, targetId, declineReason } = declinedPair as IntroductionEntity;
      await this.matches.recordDeclinedPair({ demandId, targetType, targetId }, MATCH_DECLINE_REASON[declineReason!]);
    }
    await this.intents.relayNow();
    return saved;
  }

  /** The click-through confidentiality acknowledgement of the acting person (recorded with the terms' version). */
  async acknowledge(actor: Actor, id: string, sideHint?: IntroductionSide | null): Promise<IntroductionEntity> {
    return this.dataSource.transaction(async (manager) => {
      const introduction = await this.lock(manager, id);
      const side = await this.sideOf(actor, introduction, sideHint ?? null);
      const acks = await manager.findBy(IntroductionAcknowledgementEntity, { introductionId: id });
      const problem = acknowledgeProblem(consentState(introduction, acks), side);
      if (problem) throw badInput(problem, { field: 'id', currentStatus: introduction.status });
      await manager
        .createQueryBuilder()
        .insert()
        .into(IntroductionAcknowledgementEntity)
        .values({ introductionId: id, userId: actor.userId, side, termsVersion: CONFIDENTIALITY_TERMS_VERSION })
        .orIgnore()
        .execute();
      await this.updateReveal(manager, introduction, this.clock.now());
      return manager.save(introduction);
    });
  }

  // ---- reading ----

  async get(actor: Actor, id: string): Promise<IntroductionEntity> {
    const introduction = await this.dataSource.getRepository(IntroductionEntity).findOneBy({ id });
    if (!introduction) throw notFound('Introduction', id);
    if (!(await this.canView(actor, introduction))) throw notFound('Introduction', id);
    return introduction;
  }

  async canView(actor: Actor, introduction: IntroductionEntity): Promise<boolean> {
    if (actor.isAdmin || introduction.brokerId === actor.userId) return true;
    return (await this.parties.sidesOf(actor, introduction)).size > 0;
  }

  /** The introductions the actor proposed or is a party of (organisation-level), newest first. */
  async list(
    actor: Actor,
    filter: { status?: IntroductionStatus },
    page: { first: number; after?: string },
  ): Promise<Connection<IntroductionEntity>> {
    const query = restrictToParticipants(
      this.dataSource.getRepository(IntroductionEntity).createQueryBuilder('i'),
      'i',
      actor,
    );
    if (filter.status) query.andWhere('i.status = :status', { status: filter.status });
    return pageNewestFirst(query, 'i', page);
  }

  /** The introductions of these ids the actor brokers or is a party of (as `list` decides), in one query. */
  visibleByIds(actor: Actor, ids: readonly string[]): Promise<IntroductionEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    const query = this.dataSource
      .getRepository(IntroductionEntity)
      .createQueryBuilder('i')
      .where('i.id IN (:...ids)', { ids: [...ids] });
    return restrictToParticipants(query, 'i', actor).getMany();
  }

  acknowledgementsOf(ids: readonly string[]): Promise<IntroductionAcknowledgementEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource
      .getRepository(IntroductionAcknowledgementEntity)
      .find({ where: { introductionId: In([...ids]) }, order: { acknowledgedAt: 'ASC', id: 'ASC' } });
  }

  /** Whether details of this introduction flow to the actor: revealed, and they acknowledged on their side. */
  async revealedTo(actor: Actor, introduction: IntroductionEntity): Promise<IntroductionSide | null> {
    if (!introduction.revealedAt) return null;
    const ack = await this.dataSource
      .getRepository(IntroductionAcknowledgementEntity)
      .findOneBy({ introductionId: introduction.id, userId: actor.userId });
    return ack?.side ?? null;
  }

  /**
   * The other side's contact people, for a party who acknowledged confidentiality once the introduction is revealed;
   * null otherwise. Every answer is a reveal and is logged.
   */
  async counterpartContacts(actor: Actor, introduction: IntroductionEntity): Promise<ContactPerson[] | null> {
    const side = await this.revealedTo(actor, introduction);
    if (!side) return null;
    const contacts =
      side === IntroductionSide.DEMAND
        ? await this.targetContacts(introduction)
        : await this.demandContacts(introduction);
    await this.access.logReveal(introduction.id, actor.userId, RevealedDetail.CONTACTS);
    return contacts;
  }

  /** The demand's confidential details through the introduction: decided (and logged) by the demands lib. */
  async demandConfidentialDetails(actor: Actor, introduction: IntroductionEntity): Promise<string | null> {
    const demand = await this.demands.demandsByIds([introduction.demandId]);
    if (!demand[0] || !(await this.demands.canSeeConfidential(actor, demand[0]))) return null;
    await this.demands.recordConfidentialReads(actor.userId, [demand[0].id]);
    return demand[0].confidentialDetails;
  }

  /** The reveal log of one introduction: for its broker, its parties and administrators. */
  async reveals(actor: Actor, id: string): Promise<IntroductionRevealEntity[]> {
    await this.get(actor, id);
    return this.dataSource
      .getRepository(IntroductionRevealEntity)
      .find({ where: { introductionId: id }, order: { revealedAt: 'ASC', id: 'ASC' }, take: 500 });
  }

  /** Declines reported back to the owner of a listing (its organisation's members and administrators). */
  async feedbackFor(actor: Actor, organisationId: string, limit: number): Promise<ListingFeedbackEntity[]> {
    if (!actor.isAdmin && !actor.belongsTo(organisationId))
      throw forbidden('Only the listing owner reads its feedback');
    return this.dataSource
      .getRepository(ListingFeedbackEntity)
      .find({ where: { ownerOrganisationId: organisationId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  // ---- internals ----

  private async lock(manager: EntityManager, id: string): Promise<IntroductionEntity> {
    const introduction = await manager.findOne(IntroductionEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!introduction) throw notFound('Introduction', id);
    return introduction;
  }

  private async sideOf(
    actor: Actor,
    introduction: IntroductionEntity,
    hint: IntroductionSide | null,
  ): Promise<IntroductionSide> {
    const sides = await this.parties.sidesOf(actor, introduction);
    if (hint) {
      if (!sides.has(hint)) throw forbidden(`You do not speak for the ${hint} side of this introduction`);
      return hint;
    }
    if (sides.size === 0) throw forbidden('Only the parties of an introduction answer it');
    if (sides.size > 1) throw badInput('You stand on both sides: say which side you answer for', { field: 'side' });
    return [...sides][0];
  }

  private async heldClaim(matchId: string, now: Date): Promise<MatchClaimEntity | null> {
    return this.dataSource
      .getRepository(MatchClaimEntity)
      .createQueryBuilder('c')
      .where('c.match_id = :matchId', { matchId })
      .andWhere(CLAIM_HOLDS, { now })
      .getOne();
  }

  private async isEntrustedTo(actor: Actor, pair: { demandId: string; targetType: MatchTargetType; targetId: string }) {
    const agencies = actor.organisationsWithRole(Role.BROKER);
    const query = this.dataSource
      .getRepository(EntrustmentEntity)
      .createQueryBuilder('e')
      .where('e.revoked_at IS NULL')
      .andWhere('(e.broker_id = :me OR e.agency_id IN (:...agencies))', { me: actor.userId, agencies })
      .andWhere(
        new Brackets((subject) => {
          subject.where(`(e.subject_type = 'DEMAND' AND e.subject_id = :demandId)`, { demandId: pair.demandId });
          if (pair.targetType === MatchTargetType.ACHIEVEMENT) {
            subject.orWhere(`(e.subject_type = 'ACHIEVEMENT' AND e.subject_id = :targetId)`, {
              targetId: pair.targetId,
            });
          }
        }),
      );
    return query.getExists();
  }

  private async recordFeedback(manager: EntityManager, introduction: IntroductionEntity) {
    // The declined listing is the other side's: the enterprise declining speaks about the achievement/expert.
    const listing =
      introduction.declinedBySide === IntroductionSide.DEMAND
        ? {
            listingType: introduction.targetType as string,
            listingId: introduction.targetId,
            ownerOrganisationId: introduction.targetOrganisationId,
          }
        : {
            listingType: 'DEMAND',
            listingId: introduction.demandId,
            ownerOrganisationId: introduction.demandOrganisationId,
          };
    await manager.insert(ListingFeedbackEntity, {
      ...listing,
      introductionId: introduction.id,
      reason: introduction.declineReason!,
      comment: introduction.declineComment,
    });
  }

  /** Notifies the sides named (each with its screen; the broker their pipeline) of an introduction event. */
  private async notifyParties(
    manager: EntityManager,
    introduction: IntroductionEntity,
    kind: EventKind,
    event: {
      eventKey: string;
      actorId: string;
      sides: readonly PartySide[];
      params: Omit<EventParams, 'subject'>;
      data?: Record<string, string | null>;
    },
  ): Promise<void> {
    await this.notifications.publish(manager, {
      kind,
      eventKey: event.eventKey,
      actorId: event.actorId,
      audiences: await partyAudiences(
        manager,
        { ...introduction, introductionId: introduction.id },
        event.sides,
        SCREENS.brokerPipeline(),
      ),
      data: { introductionId: introduction.id, ...event.data },
      params: { ...event.params, subject: await pairTitle(manager, introduction) },
    });
  }

  private async startDeal(manager: EntityManager, introduction: IntroductionEntity, now: Date): Promise<void> {
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(DealEntity)
      .values({
        introductionId: introduction.id,
        demandId: introduction.demandId,
        targetType: introduction.targetType,
        targetId: introduction.targetId,
        brokerId: introduction.brokerId,
        agencyId: introduction.agencyId,
        demandOrganisationId: introduction.demandOrganisationId,
        targetOrganisationId: introduction.targetOrganisationId,
        stage: DealStage.INTRODUCED,
        stageEnteredAt: now,
        lastActivityAt: now,
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const dealId = (inserted.raw as Array<{ id: string }>)[0]?.id;
    if (dealId) {
      await manager.insert(DealActivityEntity, {
        dealId,
        kind: DealActivityKind.CREATED,
        actorId: null,
        fromStage: null,
        toStage: DealStage.INTRODUCED,
        body: null,
      });
    }
  }

  private async updateReveal(manager: EntityManager, introduction: IntroductionEntity, now: Date): Promise<void> {
    if (introduction.revealedAt) return;
    const acks = await manager.findBy(IntroductionAcknowledgementEntity, { introductionId: introduction.id });
    if (isRevealed(consentState(introduction, acks))) introduction.revealedAt = now;
  }

  private async demandContacts(introduction: IntroductionEntity): Promise<ContactPerson[]> {
    const demand = (await this.demands.demandsByIds([introduction.demandId]))[0];
    const organisation = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneBy({ id: introduction.demandOrganisationId });
    const userIds = [
      ...new Set([demand?.postedById, introduction.demandAnsweredById].filter((id): id is string => !!id)),
    ];
    const users = userIds.length ? await this.dataSource.getRepository(UserEntity).findBy({ id: In(userIds) }) : [];
    return userIds
      .map((id) => users.find((user) => user.id === id))
      .filter((user): user is UserEntity => !!user)
      .map((user) => ({
        name: user.displayName,
        email: user.email,
        phone: null,
        organisationName: organisation?.name ?? null,
        role: user.id === demand?.postedById ? 'DEMAND_POSTER' : 'ENTERPRISE_MEMBER',
      }));
  }

  private async targetContacts(introduction: IntroductionEntity): Promise<ContactPerson[]> {
    const organisation = await this.dataSource
      .getRepository(OrganisationEntity)
      .findOneBy({ id: introduction.targetOrganisationId });
    const organisationName = organisation?.name ?? null;
    const people: ContactPerson[] = [];
    let userIds: string[] = [];
    if (introduction.targetType === MatchTargetType.EXPERT) {
      const expert = await this.dataSource.getRepository(ExpertEntity).findOneBy({ id: introduction.targetId });
      if (expert) {
        people.push({
          name: expert.name,
          email: expert.contactEmail,
          phone: expert.contactPhone,
          organisationName,
          role: 'EXPERT',
        });
      }
      userIds = [introduction.targetAnsweredById].filter((id): id is string => !!id && id !== expert?.userId);
    } else {
      const achievement = await this.dataSource
        .getRepository(AchievementEntity)
        .findOneBy({ id: introduction.targetId });
      userIds = [achievement?.representativeId, introduction.targetAnsweredById].filter((id): id is string => !!id);
    }
    userIds = [...new Set(userIds)];
    const users = userIds.length ? await this.dataSource.getRepository(UserEntity).findBy({ id: In(userIds) }) : [];
    for (const id of userIds) {
      const user = users.find((candidate) => candidate.id === id);
      if (user)
        people.push({
          name: user.displayName,
          email: user.email,
          phone: null,
          organisationName,
          role: 'TARGET_CONTACT',
        });
    }
    return people;
  }
}

export function consentState(
  introduction: IntroductionEntity,
  acknowledgements: ReadonlyArray<Pick<IntroductionAcknowledgementEntity, 'side'>>,
): ConsentState {
  return {
    status: introduction.status,
    demandAnswer: introduction.demandAnswer,
    targetAnswer: introduction.targetAnswer,
    demandAcknowledged: acknowledgements.some((ack) => ack.side === IntroductionSide.DEMAND),
    targetAcknowledged: acknowledgements.some((ack) => ack.side === IntroductionSide.TARGET),
  };
}
