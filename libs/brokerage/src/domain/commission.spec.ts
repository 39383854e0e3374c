import { commissionFor } from './commission';

describe('commissionFor', () => {
  it('takes the percentage of the contract value, rounded to 0.0001 万元', () => {
    expect(commissionFor(200, { percent: 5 })).toBe(10);
    expect(commissionFor(33.3333, { percent: 3 })).toBe(1);
    expect(commissionFor(0, { percent: 5 })).toBe(0);
  });

  it('applies the minimum and the cap, and never exceeds the contract value', () => {
    expect(commissionFor(10, { percent: 5, minWan: 2 })).toBe(2);
    expect(commissionFor(10_000, { percent: 5, capWan: 100 })).toBe(100);
    expect(commissionFor(1, { percent: 5, minWan: 2 })).toBe(1);
  });

  it('is unknown until there is a contract value, and rejects nonsense', () => {
    expect(commissionFor(null, { percent: 5 })).toBeNull();
    expect(() => commissionFor(-1, { percent: 5 })).toThrow(RangeError);
    expect(() => commissionFor(1, { percent: 101 })).toThrow(RangeError);
  });
});
