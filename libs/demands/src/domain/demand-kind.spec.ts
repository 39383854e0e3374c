import { OrganisationKind } from '@app/identity';
import { DemandKind, demandKindRefusal } from './demand-kind';

describe('demandKindRefusal', () => {
  const org = (kind: OrganisationKind, verified = true, stateOwned = false) => ({ kind, verified, stateOwned });

  it('lets enterprises post technical problems and refuses them to government bodies', () => {
    expect(demandKindRefusal(DemandKind.TECHNICAL_PROBLEM, org(OrganisationKind.ENTERPRISE, false))).toBeNull();
    expect(demandKindRefusal(DemandKind.TECHNICAL_PROBLEM, org(OrganisationKind.GOVERNMENT))).toBe(
      'PUBLIC_BODY_POSTS_SCENARIOS_ONLY',
    );
  });

  it('lets verified government bodies and verified state-owned enterprises post scenarios, no one else', () => {
    expect(demandKindRefusal(DemandKind.APPLICATION_SCENARIO, org(OrganisationKind.GOVERNMENT))).toBeNull();
    expect(demandKindRefusal(DemandKind.APPLICATION_SCENARIO, org(OrganisationKind.ENTERPRISE, true, true))).toBeNull();
    expect(demandKindRefusal(DemandKind.APPLICATION_SCENARIO, org(OrganisationKind.ENTERPRISE, true, false))).toBe(
      'SCENARIO_ORGANISATION_NOT_ELIGIBLE',
    );
    expect(demandKindRefusal(DemandKind.APPLICATION_SCENARIO, org(OrganisationKind.ENTERPRISE, false, true))).toBe(
      'SCENARIO_ORGANISATION_NOT_ELIGIBLE',
    );
    expect(demandKindRefusal(DemandKind.APPLICATION_SCENARIO, org(OrganisationKind.GOVERNMENT, false))).toBe(
      'SCENARIO_ORGANISATION_NOT_ELIGIBLE',
    );
  });
});
