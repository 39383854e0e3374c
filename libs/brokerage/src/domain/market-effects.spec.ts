import { DealStage as S, TechContractType as T } from './deal-workflow';
import { marketEffects, usesListingUp } from './market-effects';

describe('market effects of a deal move', () => {
  it('holds the listing and the demand when the deal enters negotiation, and only then', () => {
    expect(marketEffects({ from: S.NDA_SIGNED, to: S.NEGOTIATING })).toEqual({ listing: 'HOLD', demand: 'HOLD' });
    for (const to of [S.NDA_SIGNED, S.CONTRACT_SIGNED, S.CLOSED_WON]) {
      expect(marketEffects({ from: S.INTRODUCED, to })).toEqual({ listing: null, demand: null });
    }
  });

  it('uses the listing up for a transfer or an exclusive licence, and solves the demand', () => {
    expect(marketEffects({ from: S.CONTRACT_SIGNED, to: S.REGISTERED, contractType: T.TRANSFER })).toEqual({
      listing: 'TRANSFER',
      demand: 'SOLVE',
    });
    expect(
      marketEffects({ from: S.CONTRACT_SIGNED, to: S.REGISTERED, contractType: T.LICENSE, exclusiveLicence: true }),
    ).toEqual({ listing: 'TRANSFER', demand: 'SOLVE' });
  });

  it('keeps the listing on the market for a non-exclusive licence and the service-type contracts', () => {
    for (const contractType of [T.LICENSE, T.DEVELOPMENT, T.SERVICE, T.CONSULTING]) {
      expect(marketEffects({ from: S.CONTRACT_SIGNED, to: S.REGISTERED, contractType }).listing).toBe('RELEASE');
    }
    expect(usesListingUp(T.LICENSE, false)).toBe(false);
    expect(usesListingUp(T.LICENSE, null)).toBe(false);
    expect(usesListingUp(T.SERVICE, true)).toBe(false);
  });

  it('releases what a lost deal held, but not after the contract was registered', () => {
    expect(marketEffects({ from: S.NEGOTIATING, to: S.CLOSED_LOST })).toEqual({
      listing: 'RELEASE',
      demand: 'RELEASE',
    });
    expect(marketEffects({ from: S.REGISTERED, to: S.CLOSED_LOST })).toEqual({ listing: null, demand: null });
  });
});
