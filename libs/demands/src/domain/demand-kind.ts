import { OrganisationKind } from '@app/identity';

/**
 * What a demand is: an enterprise's technical problem (技术需求), or an application scenario (应用场景) that a public
 * body or a state-owned enterprise opens for new technology to be tried and first bought (首购首用). A scenario is
 * a demand with a site, the data available and a timeline: search, matching, brokerage, confidentiality and the
 * digests treat it as one.
 */
export enum DemandKind {
  TECHNICAL_PROBLEM = 'TECHNICAL_PROBLEM',
  APPLICATION_SCENARIO = 'APPLICATION_SCENARIO',
}

/** The facts about the posting organisation the rule below reads. */
export interface PostingOrganisation {
  readonly kind: OrganisationKind;
  readonly verified: boolean;
  readonly stateOwned: boolean;
}

/**
 * Who may post which kind: an enterprise posts technical problems; application scenarios come from verified
 * government bodies and verified state-owned enterprises; a government body posts scenarios only. Returns the
 * reason of the refusal, or null.
 */
export function demandKindRefusal(
  kind: DemandKind,
  organisation: PostingOrganisation,
): 'SCENARIO_ORGANISATION_NOT_ELIGIBLE' | 'PUBLIC_BODY_POSTS_SCENARIOS_ONLY' | null {
  if (kind === DemandKind.TECHNICAL_PROBLEM) {
    return organisation.kind === OrganisationKind.GOVERNMENT ? 'PUBLIC_BODY_POSTS_SCENARIOS_ONLY' : null;
  }
  const eligible =
    organisation.kind === OrganisationKind.GOVERNMENT ||
    (organisation.kind === OrganisationKind.ENTERPRISE && organisation.stateOwned);
  return eligible && organisation.verified ? null : 'SCENARIO_ORGANISATION_NOT_ELIGIBLE';
}
