import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '@app/identity';
import type { MatchExplanation } from '@app/matching';
import { EventEntity, MeetingOutcome, RegistrationStatus } from './entities/event.entities';
import { EventsService } from './events.service';

export enum ProposalDirection {
  /** Invite an enterprise: its open demand matches a presenting institution's listing or expert. */
  ENTERPRISE = 'ENTERPRISE',
  /** Invite a researcher or expert: their listing or profile matches a registered enterprise's open demand. */
  RESEARCHER = 'RESEARCHER',
}

export interface InvitationProposal {
  direction: ProposalDirection;
  /** Who to invite: the enterprise, or the researcher's institution. */
  organisationId: string;
  organisationName: string;
  /** The person to invite on the researcher side (the listing's owner or the expert), when known. */
  personId: string | null;
  demandId: string;
  demandTitle: string;
  targetType: 'ACHIEVEMENT' | 'EXPERT';
  targetId: string;
  targetTitle: string;
  score: number;
  matchId: string;
  /** Why: the words the pair shares and the factors that raised its score (the matching engine's explanation). */
  matchedTerms: string[];
  reasons: string[];
  alreadyRegistered: boolean;
}

export interface EventFigures {
  registrations: number;
  approved: number;
  checkedIn: number;
  meetingsRequested: number;
  meetingsAccepted: number;
  followUps: number;
  notInterested: number;
  introductions: number;
  deals: number;
}

interface MatchRow {
  match_id: string;
  score: number;
  explanation: MatchExplanation;
  target_type: 'ACHIEVEMENT' | 'EXPERT';
  target_id: string;
  target_title: string;
  target_person_id: string | null;
  institution_id: string;
  institution_name: string;
  demand_id: string;
  demand_title: string;
  enterprise_id: string;
  enterprise_name: string;
}

const PER_DIRECTION = 50;

/**
 * Who to invite, from the matches the matching service keeps (`matches`, scored and explained by it): enterprises
 * whose open demands match the presenting institutions' listed achievements and experts, and the reverse —
 * researchers and experts matching the open demands of enterprises registered. Themes (industries) narrow both.
 * Anonymous demands are left out: their enterprise is not named to organisers.
 */
@Injectable()
export class ProposalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
  ) {}

  async proposals(actor: Actor, eventId: string): Promise<InvitationProposal[]> {
    const event = await this.events.organised(actor, eventId);
    const registered = await this.dataSource.query<Array<{ user_id: string; organisation_id: string | null }>>(
      `SELECT user_id, organisation_id FROM event_registrations WHERE event_id = $1 AND status <> $2`,
      [event.id, RegistrationStatus.DECLINED],
    );
    const registeredOrganisations = new Set(registered.map((r) => r.organisation_id).filter(Boolean));
    const registeredPeople = new Set(registered.map((r) => r.user_id));

    const enterprises = event.presentingInstitutionIds.length
      ? await this.matchRows(event, 'institution', event.presentingInstitutionIds)
      : [];
    const enterpriseIds = [...registeredOrganisations].filter((id): id is string => !!id);
    const researchers = enterpriseIds.length ? await this.matchRows(event, 'enterprise', enterpriseIds) : [];

    const proposals: InvitationProposal[] = [];
    const seen = new Set<string>();
    for (const row of enterprises) {
      if (seen.has(`E:${row.enterprise_id}`)) continue; // the best pair per enterprise
      seen.add(`E:${row.enterprise_id}`);
      proposals.push(
        this.toProposal(ProposalDirection.ENTERPRISE, row, registeredOrganisations.has(row.enterprise_id)),
      );
      if (proposals.length >= PER_DIRECTION) break;
    }
    let reverse = 0;
    for (const row of researchers) {
      const key = `R:${row.target_type}:${row.target_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const already =
        (row.target_person_id !== null && registeredPeople.has(row.target_person_id)) ||
        (row.target_person_id === null && registeredOrganisations.has(row.institution_id));
      proposals.push(this.toProposal(ProposalDirection.RESEARCHER, row, already));
      if (++reverse >= PER_DIRECTION) break;
    }
    return proposals;
  }

  /** registrations → meetings → introductions → deals, for the event's organisers. */
  async figures(actor: Actor, eventId: string): Promise<EventFigures> {
    const event = await this.events.organised(actor, eventId);
    const [registrations] = await this.dataSource.query<Array<Record<string, string>>>(
      `SELECT count(*) AS registrations,
              count(*) FILTER (WHERE status = 'APPROVED') AS approved,
              count(*) FILTER (WHERE status = 'APPROVED' AND checked_in_at IS NOT NULL) AS checked_in
         FROM event_registrations WHERE event_id = $1`,
      [event.id],
    );
    const [meetings] = await this.dataSource.query<Array<Record<string, string>>>(
      `SELECT count(*) AS requested,
              count(*) FILTER (WHERE status = 'ACCEPTED') AS accepted,
              count(*) FILTER (WHERE outcome = $2) AS follow_ups,
              count(*) FILTER (WHERE outcome = $3) AS not_interested
         FROM event_meetings WHERE event_id = $1`,
      [event.id, MeetingOutcome.FOLLOW_UP, MeetingOutcome.NOT_INTERESTED],
    );
    // Introductions and deals of the pairs the meetings' follow-ups put in the brokers' queue.
    const [downstream] = await this.dataSource.query<Array<Record<string, string>>>(
      `WITH pairs AS (
         SELECT DISTINCT demand_id, achievement_id FROM event_meetings
          WHERE event_id = $1 AND outcome = $2 AND demand_id IS NOT NULL AND achievement_id IS NOT NULL)
       SELECT (SELECT count(*) FROM introductions i JOIN pairs p
                 ON i.demand_id = p.demand_id AND i.target_type = 'ACHIEVEMENT' AND i.target_id = p.achievement_id)
                AS introductions,
              (SELECT count(*) FROM deals d JOIN pairs p
                 ON d.demand_id = p.demand_id AND d.target_type = 'ACHIEVEMENT' AND d.target_id = p.achievement_id)
                AS deals`,
      [event.id, MeetingOutcome.FOLLOW_UP],
    );
    return {
      registrations: Number(registrations.registrations),
      approved: Number(registrations.approved),
      checkedIn: Number(registrations.checked_in),
      meetingsRequested: Number(meetings.requested),
      meetingsAccepted: Number(meetings.accepted),
      followUps: Number(meetings.follow_ups),
      notInterested: Number(meetings.not_interested),
      introductions: Number(downstream.introductions),
      deals: Number(downstream.deals),
    };
  }

  private toProposal(direction: ProposalDirection, row: MatchRow, alreadyRegistered: boolean): InvitationProposal {
    const enterpriseSide = direction === ProposalDirection.ENTERPRISE;
    return {
      direction,
      organisationId: enterpriseSide ? row.enterprise_id : row.institution_id,
      organisationName: enterpriseSide ? row.enterprise_name : row.institution_name,
      personId: enterpriseSide ? null : row.target_person_id,
      demandId: row.demand_id,
      demandTitle: row.demand_title,
      targetType: row.target_type,
      targetId: row.target_id,
      targetTitle: row.target_title,
      score: Math.round(Number(row.score) * 1000) / 1000,
      matchId: row.match_id,
      matchedTerms: (row.explanation.matchedTerms ?? []).map((t) => t.term).slice(0, 8),
      reasons: (row.explanation.factors ?? []).filter((f) => f.effect > 0).map((f) => f.reason),
      alreadyRegistered,
    };
  }

  /** Scored pairs of open, named demands and listed achievements / experts, best first, within the themes. */
  private matchRows(event: EventEntity, by: 'institution' | 'enterprise', ids: string[]): Promise<MatchRow[]> {
    return this.dataSource.query<MatchRow[]>(
      `SELECT m.id AS match_id, m.score, m.explanation, m.target_type, m.target_id,
              COALESCE(a.title, e.name) AS target_title,
              COALESCE(a.owner_id, e.user_id) AS target_person_id,
              inst.id AS institution_id, inst.name AS institution_name,
              d.id AS demand_id, d.title AS demand_title, ent.id AS enterprise_id, ent.name AS enterprise_name
         FROM matches m
         JOIN demands d ON d.id = m.demand_id AND d.status = 'OPEN' AND NOT d.anonymous
         JOIN organisations ent ON ent.id = d.organisation_id
         LEFT JOIN achievements a ON m.target_type = 'ACHIEVEMENT' AND a.id = m.target_id AND a.status = 'LISTED'
         LEFT JOIN experts e ON m.target_type = 'EXPERT' AND e.id = m.target_id AND e.listed
         JOIN organisations inst ON inst.id = COALESCE(a.institution_id, e.organisation_id)
        WHERE m.status NOT IN ('DECLINED', 'CLOSED')
          AND (a.id IS NOT NULL OR e.id IS NOT NULL)
          AND ${by === 'institution' ? 'inst.id' : 'ent.id'} = ANY($1::uuid[])
          AND (cardinality($2::text[]) = 0 OR d.industry_code = ANY($2::text[]) OR a.industry_code = ANY($2::text[]))
          AND ($3::uuid[] = '{}' OR inst.id = ANY($3::uuid[]))
        ORDER BY m.score DESC, m.id
        LIMIT 500`,
      [ids, event.industryCodes, by === 'enterprise' ? event.presentingInstitutionIds : []],
    );
  }
}
