import { ratio } from './ratio';

describe('ratio', () => {
  it('rounds to 4 decimals and is null without a denominator', () => {
    expect(ratio(2, 3)).toBe(0.6667);
    expect(ratio(0, 0)).toBeNull();
  });
});
