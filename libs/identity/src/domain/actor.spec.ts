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
    // A government body's staff post application scenarios as its enterprise members.
    expect(roleFitsOrganisation(Role.ENTERPRISE_MEMBER, OrganisationKind.GOVERNMENT)).toBe(true);
    expect(roleFitsOrganisation(Role.ENTERPRISE_MEMBER, OrganisationKind.UNIVERSITY)).toBe(false);
    expect(roleFitsOrganisation(Role.BROKER, OrganisationKind.BROKER_AGENCY)).toBe(true);
  });

  it('is an organisation admin by the capability, as a TTO officer of the institution, or as platform ADMIN', () => {
    const enterpriseAdmin = new Actor('u2', [
      {
        organisationId: 'ent',
        organisationKind: OrganisationKind.ENTERPRISE,
        role: Role.ENTERPRISE_MEMBER,
        orgAdmin: true,
      },
      { organisationId: 'ent2', organisationKind: OrganisationKind.ENTERPRISE, role: Role.ENTERPRISE_MEMBER },
    ]);
    expect(enterpriseAdmin.isOrgAdmin('ent')).toBe(true);
    expect(enterpriseAdmin.isOrgAdmin('ent2')).toBe(false);
    expect(actor.isOrgAdmin('uni')).toBe(true);
    expect(actor.isOrgAdmin('ent')).toBe(false);
    const researcherOnly = new Actor('u3', [
      { organisationId: 'uni', organisationKind: OrganisationKind.UNIVERSITY, role: Role.RESEARCHER },
    ]);
    expect(researcherOnly.isOrgAdmin('uni')).toBe(false);
    const admin = new Actor('u4', [
      { organisationId: 'gov', organisationKind: OrganisationKind.GOVERNMENT, role: Role.ADMIN },
    ]);
    expect(admin.isOrgAdmin('ent')).toBe(true);
    expect(admin.isOrgAdmin('uni')).toBe(true);
  });

  it('is unverified unless told otherwise, and carries its session', () => {
    expect(actor.emailVerified).toBe(false);
    const verified = new Actor('u5', [], { emailVerified: true, sessionId: 's1' });
    expect(verified.emailVerified).toBe(true);
    expect(verified.sessionId).toBe('s1');
  });
});
