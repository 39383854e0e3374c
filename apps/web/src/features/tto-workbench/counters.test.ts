import { describe, expect, it } from 'vitest';
import { openObjections, sharesTotal } from './counters';

describe('workbench counters', () => {
  it('counts only unresolved objections', () => {
    expect(
      openObjections([
        { objections: [{ resolvedAt: null }, { resolvedAt: '2026-01-01T00:00:00Z' }] },
        { objections: [{ resolvedAt: null }] },
        { objections: [] },
      ]),
    ).toBe(2);
  });

  it('sums the inventors’ shares without floating-point noise', () => {
    expect(
      sharesTotal([{ contributionShare: 33.33 }, { contributionShare: 33.33 }, { contributionShare: 33.34 }]),
    ).toBe(100);
    expect(sharesTotal([{ contributionShare: 60 }, { contributionShare: 30 }])).toBe(90);
  });
});
