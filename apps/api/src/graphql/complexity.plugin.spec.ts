import { costKey } from './complexity.plugin';

describe('costKey', () => {
  it('keeps the numbers a cost can depend on, at any depth', () => {
    expect(costKey('Q', { pageSize: 20 })).not.toBe(costKey('Q', { pageSize: 50 }));
    expect(costKey('Q', { filter: { trlMin: 4 } })).not.toBe(costKey('Q', { filter: { trlMin: 5 } }));
    expect(costKey('Q', { pageSize: 20 })).not.toBe(costKey('Other', { pageSize: 20 }));
  });

  it('ignores search text, enums and flags, so every search with one page size shares a cost', () => {
    expect(costKey('Q', { query: '锂电池', sort: 'NEWEST', pageSize: 20, mine: true })).toBe(
      costKey('Q', { query: 'drone', sort: 'RELEVANCE', pageSize: 20, mine: false }),
    );
    expect(costKey(undefined, undefined)).toBe(costKey(null, {}));
  });
});
