import { describe, expect, it } from 'vitest';
import { invitableOptions, leadableOrganisations, linkingOrganisations } from './logic';

const uni = { id: 'u', name: '明湖理工大学', kind: 'UNIVERSITY' };
const rd = { id: 'r', name: '低空院', kind: 'NEW_RD_INSTITUTION' };
const lead = { id: 'l', name: '翼展航空', kind: 'ENTERPRISE' };
const supplier = { id: 's', name: '精密零件', kind: 'ENTERPRISE' };

describe('consortium screens', () => {
  it('offers partners not yet invited or accepted; a declined one again; once each', () => {
    const members = [
      { organisationId: 'l', status: 'ACCEPTED' },
      { organisationId: 'u', status: 'INVITED' },
      { organisationId: 's', status: 'DECLINED' },
    ];
    expect(
      invitableOptions([[uni], [rd], [lead, supplier], undefined, [rd]], members)
        .map((o) => o.id)
        .sort(),
    ).toEqual(['r', 's']);
  });

  it('links from the viewer’s accepted organisations: an enterprise’s demands, institutions’ achievements', () => {
    const memberships = [
      { status: 'ACTIVE', organisation: lead },
      { status: 'ACTIVE', organisation: uni },
      { status: 'PENDING', organisation: rd },
    ];
    expect(
      linkingOrganisations(memberships, [
        { organisationId: 'l', status: 'ACCEPTED' },
        { organisationId: 'u', status: 'INVITED' },
        { organisationId: 'r', status: 'ACCEPTED' },
      ]),
    ).toEqual({ enterpriseId: 'l', institutionIds: [] });
    expect(linkingOrganisations(memberships, [{ organisationId: 'u', status: 'ACCEPTED' }])).toEqual({
      enterpriseId: null,
      institutionIds: ['u'],
    });
  });

  it('leads only for enterprises the viewer is an active member of', () => {
    expect(
      leadableOrganisations([
        { status: 'ACTIVE', role: 'ENTERPRISE_MEMBER', organisation: lead },
        { status: 'PENDING', role: 'ENTERPRISE_MEMBER', organisation: supplier },
        { status: 'ACTIVE', role: 'RESEARCHER', organisation: uni },
      ]),
    ).toEqual([lead]);
  });
});
