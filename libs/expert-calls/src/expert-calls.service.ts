import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, fail } from '@app/core';
import { ExpertEntity, ExpertVisibility } from '@app/experts';
import { FileOwnerKind, FilesService, StoredFileEntity } from '@app/files';
import { Actor } from '@app/identity';
import { NotificationEventsService, NotificationKind, SCREENS } from '@app/notifications';
import { SearchKind, SearchService } from '@app/search';
import { runsExpertCalls } from './expert-call-access';
import {
  ExpertCallEntity,
  ExpertCallInvitationEntity,
  ExpertCallInvitationStatus,
  ExpertCallStatus,
} from './entities/expert-call.entities';
import {
  AnswerExpertCallInvitationInput,
  CreateExpertCallInput,
  InviteExpertsInput,
  SubmitExpertCallResponseInput,
} from './expert-calls.inputs';

/** How many experts the proposals list (one search page). */
export const PROPOSAL_COUNT = 20;
/** The search query's bound (libs/search refuses longer ones). */
const QUERY_LENGTH = 200;

export interface ExpertProposal {
  expertId: string;
  name: string;
  headline: string | null;
  organisationId: string;
  rank: number;
  /** Meilisearch's ranking score (0–1), when it gave one. */
  score: number | null;
  /** Why: the words of the call the expert's public profile matched. */
  matchedTerms: string[];
  /** Already invited to this call (the invitation's status), or null. */
  invitation: ExpertCallInvitationEntity | null;
}

export interface ExpertCallContributor {
  invitation: ExpertCallInvitationEntity;
  expertName: string;
}

/** The words a highlighted snippet marks (`<mark>…</mark>`), as the search service renders them. */
export function markedWords(snippets: readonly string[]): string[] {
  const words = new Set<string>();
  for (const snippet of snippets) {
    for (const match of snippet.matchAll(/<mark>(.*?)<\/mark>/g)) {
      const word = match[1]
        .replace(
          /&(amp|lt|gt|quot|#39);/g,
          (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!,
        )
        .trim();
      if (word) words.add(word);
    }
  }
  return [...words];
}

/** The text the proposals search with: key words first, then the title and the question, within the bound. */
export function proposalQuery(call: Pick<ExpertCallEntity, 'keywords' | 'title' | 'question'>): string {
  return [...call.keywords, call.title, call.question].join(' ').replace(/\s+/g, ' ').trim().slice(0, QUERY_LENGTH);
}

/**
 * Calls for experts (政府决策课题): the bureau posts a question, the search index proposes public experts, invited
 * experts accept or decline and respond before the deadline, the bureau reads who contributed.
 */
@Injectable()
export class ExpertCallsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly notifications: NotificationEventsService,
    private readonly search: SearchService,
    private readonly files: FilesService,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  // ---- the bureau ----

  async create(actor: Actor, input: CreateExpertCallInput): Promise<ExpertCallEntity> {
    if (!runsExpertCalls(actor)) throw fail('EXPERT_CALL_BUREAU_ONLY');
    const title = input.title.trim();
    const question = input.question.trim();
    if (!title) throw fail('TEXT_BLANK', { field: 'title' });
    if (!question) throw fail('TEXT_BLANK', { field: 'question' });
    if (input.deadline.getTime() <= this.clock.now().getTime()) {
      throw fail('EXPERT_CALL_DEADLINE_INVALID', { field: 'deadline' });
    }
    const industryCodes = [...new Set(input.industryCodes)];
    if (industryCodes.length) {
      const known = await this.dataSource.query<Array<{ code: string }>>(
        'SELECT code FROM industries WHERE code = ANY($1)',
        [industryCodes],
      );
      const unknown = industryCodes.filter((code) => !known.some((row) => row.code === code));
      if (unknown.length) throw fail('UNKNOWN_INDUSTRY', { industry: unknown[0] });
    }
    return this.dataSource.getRepository(ExpertCallEntity).save({
      title,
      question,
      industryCodes,
      keywords: [...new Set(input.keywords.map((k) => k.trim()).filter(Boolean))],
      deadline: input.deadline,
      createdById: actor.userId,
      status: ExpertCallStatus.DRAFT,
    });
  }

  async open(actor: Actor, callId: string): Promise<ExpertCallEntity> {
    const call = await this.managed(actor, callId);
    if (call.status === ExpertCallStatus.OPEN) return call;
    if (call.status === ExpertCallStatus.CLOSED) throw fail('EXPERT_CALL_NOT_OPEN', { state: call.status });
    if (call.deadline.getTime() <= this.clock.now().getTime()) throw fail('EXPERT_CALL_DEADLINE_PASSED');
    call.status = ExpertCallStatus.OPEN;
    call.openedAt = this.clock.now();
    return this.dataSource.getRepository(ExpertCallEntity).save(call);
  }

  async close(actor: Actor, callId: string): Promise<ExpertCallEntity> {
    const call = await this.managed(actor, callId);
    if (call.status === ExpertCallStatus.CLOSED) return call;
    call.status = ExpertCallStatus.CLOSED;
    call.closedAt = this.clock.now();
    return this.dataSource.getRepository(ExpertCallEntity).save(call);
  }

  /** Every call, latest first (the bureau's list). */
  async list(actor: Actor): Promise<ExpertCallEntity[]> {
    if (!runsExpertCalls(actor)) throw fail('EXPERT_CALL_BUREAU_ONLY');
    return this.dataSource.getRepository(ExpertCallEntity).find({ order: { createdAt: 'DESC' }, take: 200 });
  }

  /** A call the bureau runs; NOT_FOUND for anyone else. */
  async managed(actor: Actor | undefined, callId: string, manager?: EntityManager): Promise<ExpertCallEntity> {
    const call = await (manager ?? this.dataSource.manager).findOneBy(ExpertCallEntity, { id: callId });
    if (!call || !runsExpertCalls(actor)) throw fail('EXPERT_CALL_NOT_FOUND', { id: callId });
    return call;
  }

  /** A call as its viewer may see it: the bureau always, an invited expert once it is open; NOT_FOUND otherwise. */
  async get(actor: Actor, callId: string): Promise<ExpertCallEntity> {
    const call = await this.dataSource.getRepository(ExpertCallEntity).findOneBy({ id: callId });
    if (call && runsExpertCalls(actor)) return call;
    if (call && call.status !== ExpertCallStatus.DRAFT) {
      const invited = await this.dataSource
        .getRepository(ExpertCallInvitationEntity)
        .existsBy({ callId, userId: actor.userId });
      if (invited) return call;
    }
    throw fail('EXPERT_CALL_NOT_FOUND', { id: callId });
  }

  callsByIds(ids: readonly string[]): Promise<ExpertCallEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ExpertCallEntity).findBy({ id: In([...new Set(ids)]) });
  }

  expertsByIds(ids: readonly string[]): Promise<ExpertEntity[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.dataSource.getRepository(ExpertEntity).findBy({ id: In([...new Set(ids)]) });
  }

  /**
   * Public experts for the call's text, ranked by the search index (key words, title, question), each with the
   * words their profile matched, and whether they are invited already. Only listed, public profiles with a person
   * behind them can be invited, so only those are proposed.
   */
  async proposals(actor: Actor, callId: string): Promise<ExpertProposal[]> {
    const call = await this.managed(actor, callId);
    const query = proposalQuery(call);
    // Signed out: the search resolves public profiles only, whoever asks.
    const result = await this.search.search<ExpertEntity>(
      SearchKind.EXPERT,
      { query, pageSize: PROPOSAL_COUNT },
      undefined,
    );
    const invitations = await this.dataSource.getRepository(ExpertCallInvitationEntity).findBy({ callId });
    const invitationOf = new Map(invitations.map((i) => [i.expertId, i]));
    return result.hits
      .filter((hit) => hit.object.userId)
      .map((hit, index) => ({
        expertId: hit.id,
        name: hit.object.name,
        headline: hit.object.title ?? null,
        organisationId: hit.object.organisationId,
        rank: index + 1,
        score: hit.rankingScore,
        matchedTerms: markedWords(hit.highlights.map((h) => h.snippet)),
        invitation: invitationOf.get(hit.id) ?? null,
      }));
  }

  /**
   * Invites experts to an open call: one invitation per expert (inviting again returns it), and each new one
   * notifies the person behind the profile in-app and by email — the notification's key is the invitation's id, so
   * a retried request notifies once.
   */
  async invite(actor: Actor, input: InviteExpertsInput): Promise<ExpertCallInvitationEntity[]> {
    this.assertTakingAnswers(await this.managed(actor, input.callId));
    // The words each expert matched, kept on the invitation; searched before the transaction, and an index that
    // cannot answer leaves them empty rather than blocking the invitation.
    const proposals = await this.proposals(actor, input.callId).catch(() => [] as ExpertProposal[]);
    const termsOf = new Map(proposals.map((p) => [p.expertId, p.matchedTerms]));
    return this.dataSource.transaction(async (manager) => {
      const call = await this.managed(actor, input.callId, manager);
      this.assertTakingAnswers(call);
      const expertIds = [...new Set(input.expertIds)];
      const experts = await manager.findBy(ExpertEntity, { id: In(expertIds) });
      const invitations: ExpertCallInvitationEntity[] = [];
      for (const expertId of expertIds) {
        const expert = experts.find((e) => e.id === expertId);
        if (!expert || !expert.listed || expert.visibility !== ExpertVisibility.PUBLIC) {
          throw fail('EXPERT_CALL_EXPERT_NOT_INVITABLE', { problem: 'NOT_PUBLIC', expertId });
        }
        if (!expert.userId) throw fail('EXPERT_CALL_EXPERT_NOT_INVITABLE', { problem: 'NO_ACCOUNT', expertId });
        await manager
          .createQueryBuilder()
          .insert()
          .into(ExpertCallInvitationEntity)
          .values({
            callId: call.id,
            expertId,
            userId: expert.userId,
            matchedTerms: termsOf.get(expertId) ?? [],
            invitedById: actor.userId,
          })
          .orIgnore()
          .execute();
        const invitation = await manager.findOneByOrFail(ExpertCallInvitationEntity, { callId: call.id, expertId });
        await this.notifications.publish(manager, {
          kind: NotificationKind.EXPERT_CALL_INVITED,
          eventKey: `expert-call-invitation:${invitation.id}`,
          actorId: actor.userId,
          audiences: [{ userIds: [invitation.userId], path: SCREENS.myExpertCallInvitations() }],
          data: { callId: call.id, invitationId: invitation.id },
          params: { subject: call.title, reason: call.deadline.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' },
        });
        invitations.push(invitation);
      }
      return invitations;
    });
  }

  /** The call's invitations with answers and responses (the bureau). */
  async invitations(actor: Actor, callId: string): Promise<ExpertCallInvitationEntity[]> {
    const call = await this.managed(actor, callId);
    return this.dataSource
      .getRepository(ExpertCallInvitationEntity)
      .find({ where: { callId: call.id }, order: { invitedAt: 'ASC', id: 'ASC' } });
  }

  /** Who contributed: the accepted invitations with a response, earliest response first (the bureau). */
  async contributors(actor: Actor, callId: string): Promise<ExpertCallInvitationEntity[]> {
    const invitations = await this.invitations(actor, callId);
    return invitations
      .filter((i) => i.status === ExpertCallInvitationStatus.ACCEPTED && i.respondedAt !== null)
      .sort((a, b) => a.respondedAt!.getTime() - b.respondedAt!.getTime());
  }

  /** Files attached to these invitations' responses (the invitations were access-checked), oldest first. */
  responseFiles(invitationIds: readonly string[]): Promise<StoredFileEntity[]> {
    return this.files.filesOf(FileOwnerKind.EXPERT_CALL_RESPONSE, invitationIds);
  }

  /** Whether the actor may see an invitation (and its response's files): the bureau and the invited person. */
  async maySeeInvitation(actor: Actor | undefined, invitationId: string): Promise<boolean> {
    if (!actor) return false;
    if (runsExpertCalls(actor)) return true;
    return this.dataSource
      .getRepository(ExpertCallInvitationEntity)
      .existsBy({ id: invitationId, userId: actor.userId });
  }

  // ---- the invited expert ----

  /** The viewer's invitations to calls that are open or closed (never drafts), latest first. */
  async mine(actor: Actor): Promise<ExpertCallInvitationEntity[]> {
    return this.dataSource
      .getRepository(ExpertCallInvitationEntity)
      .createQueryBuilder('i')
      .innerJoin(ExpertCallEntity, 'c', 'c.id = i.call_id')
      .where('i.user_id = :userId', { userId: actor.userId })
      .andWhere('c.status <> :draft', { draft: ExpertCallStatus.DRAFT })
      .orderBy('i.invited_at', 'DESC')
      .addOrderBy('i.id', 'ASC')
      .getMany();
  }

  async answer(actor: Actor, input: AnswerExpertCallInvitationInput): Promise<ExpertCallInvitationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { invitation, call } = await this.ownInvitation(actor, input.invitationId, manager);
      this.assertTakingAnswers(call);
      const status = input.accept ? ExpertCallInvitationStatus.ACCEPTED : ExpertCallInvitationStatus.DECLINED;
      if (invitation.status === status) return invitation;
      if (invitation.status !== ExpertCallInvitationStatus.INVITED) {
        throw fail('EXPERT_CALL_ALREADY_ANSWERED', { status: invitation.status });
      }
      invitation.status = status;
      invitation.declineReason = input.accept ? null : input.reason?.trim() || null;
      invitation.answeredAt = this.clock.now();
      return manager.save(invitation);
    });
  }

  async respond(actor: Actor, input: SubmitExpertCallResponseInput): Promise<ExpertCallInvitationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const { invitation, call } = await this.ownInvitation(actor, input.invitationId, manager);
      this.assertTakingAnswers(call);
      if (invitation.status !== ExpertCallInvitationStatus.ACCEPTED) throw fail('EXPERT_CALL_NOT_ACCEPTED');
      const text = input.text.trim();
      if (!text) throw fail('TEXT_BLANK', { field: 'text' });
      await this.files.attach(manager, actor, input.attachmentFileIds ?? [], {
        kind: FileOwnerKind.EXPERT_CALL_RESPONSE,
        id: invitation.id,
      });
      invitation.response = text;
      invitation.respondedAt = this.clock.now();
      return manager.save(invitation);
    });
  }

  private async ownInvitation(actor: Actor, invitationId: string, manager: EntityManager) {
    const invitation = await manager.findOne(ExpertCallInvitationEntity, {
      where: { id: invitationId },
      lock: { mode: 'pessimistic_write' },
    });
    const call = invitation ? await manager.findOneBy(ExpertCallEntity, { id: invitation.callId }) : null;
    if (!invitation || !call || invitation.userId !== actor.userId || call.status === ExpertCallStatus.DRAFT) {
      throw fail('EXPERT_CALL_INVITATION_NOT_FOUND', { id: invitationId });
    }
    return { invitation, call };
  }

  private assertTakingAnswers(call: ExpertCallEntity): void {
    if (call.status !== ExpertCallStatus.OPEN) throw fail('EXPERT_CALL_NOT_OPEN', { state: call.status });
    if (call.deadline.getTime() <= this.clock.now().getTime()) throw fail('EXPERT_CALL_DEADLINE_PASSED');
  }
}
