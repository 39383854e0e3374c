import { describe, expect, it } from 'vitest';
import { parseSearchParams, toFilterInput, toggleFacet, toSearchParams } from './search-state';

describe('search state in the URL', () => {
  it('reads a shared link back into the same search', () => {
    const state = parseSearchParams(
      new URLSearchParams('q=无人机&industry=ai&industry=uav&region=江苏&page=3&sort=NEWEST'),
    );
    expect(state).toEqual({
      kind: 'achievements',
      query: '无人机',
      page: 3,
      sort: 'NEWEST',
      filters: { industry: ['ai', 'uav'], region: ['江苏'] },
    });
    expect(parseSearchParams(toSearchParams(state))).toEqual(state);
  });

  it('ignores what the kind cannot filter on, unknown sorts and silly pages', () => {
    const state = parseSearchParams(new URLSearchParams('kind=experts&industry=ai&sort=PRICE_ASC&page=-4'));
    expect(state).toEqual({ kind: 'experts', query: '', page: 1, sort: 'RELEVANCE', filters: {} });
    expect(parseSearchParams(new URLSearchParams('kind=nonsense')).kind).toBe('achievements');
  });

  it('keeps the first page and default sort out of the URL', () => {
    const params = toSearchParams({ kind: 'achievements', query: ' drone ', page: 1, sort: 'RELEVANCE', filters: {} });
    expect(params.toString()).toBe('q=drone');
  });

  it('maps facets to the API filter, one language at a time', () => {
    const state = parseSearchParams(new URLSearchParams('transferMode=LICENSE&ipType=INVENTION_PATENT&language=en'));
    expect(toFilterInput(state)).toEqual({ transferModes: ['LICENSE'], ipTypes: ['INVENTION_PATENT'], language: 'en' });
    expect(toFilterInput(parseSearchParams(new URLSearchParams('language=en&language=zh')))).toBeUndefined();
    expect(toFilterInput(parseSearchParams(new URLSearchParams('')))).toBeUndefined();
  });

  it('toggling a facet value goes back to page 1', () => {
    const state = parseSearchParams(new URLSearchParams('page=4&region=江苏'));
    const added = toggleFacet(state, 'region', '浙江');
    expect(added.page).toBe(1);
    expect(added.filters.region).toEqual(['江苏', '浙江']);
    expect(toggleFacet(added, 'region', '江苏').filters.region).toEqual(['浙江']);
  });
});
