import { TAG_COLOURS } from '../../shared/ui/tag-colours';

/** Solid colours with white text at WCAG AA contrast; a draft or a closed consortium stays plain. */
export const CONSORTIUM_STATUS_COLOURS: Record<string, string | undefined> = {
  DRAFT: undefined,
  ACTIVE: TAG_COLOURS.mode,
  RECOGNISED: '#153e7a',
  CLOSED: undefined,
};

export const MEMBER_STATUS_COLOURS: Record<string, string | undefined> = {
  INVITED: TAG_COLOURS.warning,
  ACCEPTED: TAG_COLOURS.mode,
  DECLINED: undefined,
};

const INSTITUTION_KINDS = ['UNIVERSITY', 'RESEARCH_INSTITUTE', 'NEW_RD_INSTITUTION'];

interface Organisation {
  id: string;
  name: string;
  kind: string;
}

/**
 * The organisations the lead may still invite: every partner offered (institutions and enterprises), without the
 * ones already invited or accepted (a declined one may be invited again), sorted by name. Pure.
 */
export function invitableOptions(
  partners: readonly (readonly Organisation[] | undefined)[],
  members: readonly { organisationId: string; status: string }[],
): Organisation[] {
  const taken = new Set(members.filter((m) => m.status !== 'DECLINED').map((m) => m.organisationId));
  const seen = new Set<string>();
  return partners
    .flatMap((list) => list ?? [])
    .filter((o) => !taken.has(o.id) && !seen.has(o.id) && seen.add(o.id))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * Where the viewer may link from: their ACTIVE organisations that accepted — enterprises link their demands,
 * institutions their listed achievements (as the API decides). Pure.
 */
export function linkingOrganisations(
  memberships: readonly { status: string; organisation: Organisation }[],
  members: readonly { organisationId: string; status: string }[],
): { enterpriseId: string | null; institutionIds: string[] } {
  const accepted = new Set(members.filter((m) => m.status === 'ACCEPTED').map((m) => m.organisationId));
  const mine = memberships.filter((m) => m.status === 'ACTIVE' && accepted.has(m.organisation.id));
  return {
    enterpriseId: mine.find((m) => m.organisation.kind === 'ENTERPRISE')?.organisation.id ?? null,
    institutionIds: [
      ...new Set(mine.filter((m) => INSTITUTION_KINDS.includes(m.organisation.kind)).map((m) => m.organisation.id)),
    ],
  };
}

/** The enterprises the viewer may lead a consortium for: ACTIVE enterprise memberships. Pure. */
export function leadableOrganisations(
  memberships: readonly { status: string; role: string; organisation: Organisation }[],
): Organisation[] {
  const seen = new Set<string>();
  return memberships
    .filter((m) => m.status === 'ACTIVE' && m.role === 'ENTERPRISE_MEMBER' && m.organisation.kind === 'ENTERPRISE')
    .map((m) => m.organisation)
    .filter((o) => !seen.has(o.id) && seen.add(o.id));
}
