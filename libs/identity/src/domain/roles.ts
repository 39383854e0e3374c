export enum OrganisationKind {
  UNIVERSITY = 'UNIVERSITY',
  RESEARCH_INSTITUTE = 'RESEARCH_INSTITUTE',
  NEW_RD_INSTITUTION = 'NEW_RD_INSTITUTION',
  ENTERPRISE = 'ENTERPRISE',
  BROKER_AGENCY = 'BROKER_AGENCY',
  GOVERNMENT = 'GOVERNMENT',
}

export enum Role {
  RESEARCHER = 'RESEARCHER',
  TTO_OFFICER = 'TTO_OFFICER',
  ENTERPRISE_MEMBER = 'ENTERPRISE_MEMBER',
  BROKER = 'BROKER',
  ADMIN = 'ADMIN',
}

const INSTITUTIONS = [
  OrganisationKind.UNIVERSITY,
  OrganisationKind.RESEARCH_INSTITUTE,
  OrganisationKind.NEW_RD_INSTITUTION,
];

/** Which organisation kinds a role can be held in. */
export const ROLE_ORGANISATION_KINDS: { readonly [R in Role]: readonly OrganisationKind[] } = {
  [Role.RESEARCHER]: INSTITUTIONS,
  [Role.TTO_OFFICER]: INSTITUTIONS,
  // A government body's (non-bureau) staff post application scenarios (应用场景) as its ENTERPRISE_MEMBERs: the
  // demand capability without the platform-wide ADMIN the bureau holds. DemandsService lets them post scenarios only.
  [Role.ENTERPRISE_MEMBER]: [OrganisationKind.ENTERPRISE, OrganisationKind.GOVERNMENT],
  [Role.BROKER]: [OrganisationKind.BROKER_AGENCY],
  [Role.ADMIN]: [OrganisationKind.GOVERNMENT],
};

/** Roles a person may take by registering; the others are granted by an administrator. */
export const SELF_SERVICE_ROLES: readonly Role[] = [Role.RESEARCHER, Role.ENTERPRISE_MEMBER, Role.BROKER];

/** Organisation kinds a registering person may create (institutions and the bureau are created by admins). */
export const SELF_SERVICE_ORGANISATION_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.ENTERPRISE,
  OrganisationKind.BROKER_AGENCY,
];

export function roleFitsOrganisation(role: Role, kind: OrganisationKind): boolean {
  return ROLE_ORGANISATION_KINDS[role].includes(kind);
}
