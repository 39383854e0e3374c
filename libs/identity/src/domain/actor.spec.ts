import { Actor } from './actor';
import { OrganisationKind, Role, roleFitsOrganisation } from './roles';

describe('Actor', () => {
  const actor = new Actor('u1', [
    { organisationId: 'uni', organisationKind: OrganisationKind.UNIVERSITY, role: Role.RESEARCHER },
    { organisationId: 'uni', organisationKind: OrganisationKind.UNIVERSITY, role: Role.TTO_OFFICER },
  ]);

  it('answers role questions per organisation', () => {
    expect(actor.hasRole(Role.TTO_OFFICER)).toBe(true);
    expect(actor.hasRole(Role.TTO_OFFICER, 'uni')).toBe(true);
    expect(actor.hasRole(Role.TTO_OFFICER, 'other')).toBe(false);
    expect(actor.hasAnyRole(Role.BROKER, Role.ADMIN)).toBe(false);
    expect(actor.isAdmin).toBe(false);
    expect(actor.organisationsWithRole(Role.RESEARCHER)).toEqual(['uni']);
  });

  it('only lets roles live in fitting organisations', () => {
    expect(roleFitsOrganisation(Role.RESEARCHER, OrganisationKind.UNIVERSITY)).toBe(true);
    expect(roleFitsOrganisation(Role.RESEARCHER, OrganisationKind.ENTERPRISE)).toBe(false);
    expect(roleFitsOrganisation(Role.ADMIN, OrganisationKind.GOVERNMENT)).toBe(true);
    expect(roleFitsOrganisation(Role.BROKER, OrganisationKind.BROKER_AGENCY)).toBe(true);
  });
});
