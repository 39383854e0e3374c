import { describe, expect, it } from 'vitest';
import { formatRelevance } from './format';

describe('formatRelevance', () => {
  it('shows a calibrated probability as a whole percentage', () => {
    expect(formatRelevance(0.784)).toBe('78%');
    expect(formatRelevance(0.005)).toBe('1%');
    expect(formatRelevance(1)).toBe('100%');
  });

  it('never shows more than 100% or less than 0%, nor NaN', () => {
    expect(formatRelevance(1.7)).toBe('100%');
    expect(formatRelevance(-0.2)).toBe('0%');
    expect(formatRelevance(Number.NaN)).toBe('0%');
  });
});
