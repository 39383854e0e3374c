import { describe, expect, it } from 'vitest';
import { listingChecklist, nextOfficeAction, periodInUnits, periodSeconds } from './checklist';

const complete = {
  summary: '一种低功耗的水质在线监测传感器，适用于农村供水管网，功耗低于同类产品一半。',
  trl: 6,
  conversionPlan: '许可给本省水务设备企业',
  transferModes: ['LICENSE' as const],
  ipType: 'INVENTION_PATENT' as const,
  ipRegistrationNumbers: ['ZL202310000000.1'],
  askingPriceWan: 80,
};

describe('listingChecklist', () => {
  it('passes a complete listing on every item', () => {
    expect(listingChecklist(complete)).toEqual({
      benefit: true,
      commercialRoute: true,
      ip: true,
      maturity: true,
      price: true,
    });
  });

  it('flags what an enterprise would miss', () => {
    const result = listingChecklist({
      ...complete,
      summary: '传感器',
      transferModes: [],
      ipRegistrationNumbers: [' '],
      trl: null,
      askingPriceWan: null,
    });
    expect(result).toEqual({ benefit: false, commercialRoute: false, ip: false, maturity: false, price: false });
  });

  it('accepts a trade secret without a registration number', () => {
    expect(listingChecklist({ ...complete, ipType: 'TRADE_SECRET', ipRegistrationNumbers: [] }).ip).toBe(true);
  });
});

describe('nextOfficeAction', () => {
  it('follows the workflow after the notice: agreement, confirmation, listing', () => {
    expect(nextOfficeAction('APPROVED')).toBe('signAgreement');
    expect(nextOfficeAction('AGREEMENT_SIGNED')).toBe('confirmRights');
    expect(nextOfficeAction('RIGHTS_CONFIRMED')).toBe('list');
    expect(nextOfficeAction('LISTED')).toBeNull();
    expect(nextOfficeAction('PUBLIC_NOTICE')).toBeNull();
  });
});

describe('notice periods', () => {
  it('shows seconds in the largest whole unit and converts back', () => {
    expect(periodInUnits(1_296_000)).toEqual({ amount: 15, unit: 'days' });
    expect(periodInUnits(7_200)).toEqual({ amount: 2, unit: 'hours' });
    expect(periodInUnits(90)).toEqual({ amount: 90, unit: 'seconds' });
    expect(periodSeconds(15, 'days')).toBe(1_296_000);
    expect(periodSeconds(8, 'seconds')).toBe(8);
  });
});
