import { applicableFilters, buildFilter, facetAttributes, quoteFilterValue, SearchInputError } from './filter-builder';
import { ACHIEVEMENT_INDEX, EXPERT_INDEX } from './index-definitions';

describe('search filter builder', () => {
  it('builds one clause per typed filter, attribute names from the index definition', () => {
    expect(
      buildFilter(ACHIEVEMENT_INDEX, {
        industryCodes: ['C39', 'I65'],
        trlMin: 4,
        trlMax: 7,
        ipTypes: ['INVENTION_PATENT'],
        transferModes: ['LICENSE'],
        regions: ['广东省'],
        institutionId: '0b9f6c1e-8b64-4b43-a6a9-3d0a8c1f2e11',
        priceMin: 0,
        priceMax: 1_000_000.5,
        language: 'zh',
        updatedSince: new Date(1_700_000_000_000),
      }),
    ).toEqual([
      'industryCodes IN ["C39", "I65"]',
      'ipTypes IN ["INVENTION_PATENT"]',
      'transferModes IN ["LICENSE"]',
      'region IN ["广东省"]',
      'institutionId = "0b9f6c1e-8b64-4b43-a6a9-3d0a8c1f2e11"',
      'language = "zh"',
      'trl >= 4',
      'trl <= 7',
      'price >= 0',
      'price <= 1000000.5',
      'updatedAt >= 1700000000000',
    ]);
  });

  it('keeps a hostile value inside one quoted literal', () => {
    const hostile = 'x" OR status = "DRAFT';
    const [clause] = buildFilter(ACHIEVEMENT_INDEX, { regions: [hostile] });
    expect(clause).toBe('region IN ["x\\" OR status = \\"DRAFT"]');
    // Every quote inside the literal is escaped: the literal closes only at the final quote.
    const inner = clause.slice('region IN ["'.length, -2);
    expect(inner.replace(/\\\\|\\"/g, '')).not.toContain('"');
    expect(quoteFilterValue('f', 'a\\" OR 1 = 1 OR "b')).toBe('"a\\\\\\" OR 1 = 1 OR \\"b"');
  });

  it('refuses control characters, empty or overlong values, non-finite numbers and inverted ranges', () => {
    const bad = [
      () => buildFilter(ACHIEVEMENT_INDEX, { regions: ['a\nb'] }),
      () => buildFilter(ACHIEVEMENT_INDEX, { regions: [''] }),
      () => buildFilter(ACHIEVEMENT_INDEX, { regions: ['x'.repeat(101)] }),
      () => buildFilter(ACHIEVEMENT_INDEX, { priceMin: Number.NaN }),
      () => buildFilter(ACHIEVEMENT_INDEX, { trlMin: 2.5 }),
      () => buildFilter(ACHIEVEMENT_INDEX, { trlMin: 8, trlMax: 3 }),
      () => buildFilter(ACHIEVEMENT_INDEX, { updatedSince: new Date('invalid') }),
      () => buildFilter(ACHIEVEMENT_INDEX, { industryCodes: Array.from({ length: 51 }, (_, i) => `C${i}`) }),
    ];
    for (const attempt of bad) expect(attempt).toThrow(SearchInputError);
  });

  it('rejects filters that do not apply to the index, and drops them for the federated search', () => {
    expect(() => buildFilter(EXPERT_INDEX, { trlMin: 3 })).toThrow('filter.trlMin does not apply to experts');
    expect(applicableFilters(EXPERT_INDEX, { trlMin: 3, regions: ['北京市'] })).toEqual({ regions: ['北京市'] });
  });

  it('accepts only allow-listed facets', () => {
    expect([...facetAttributes(ACHIEVEMENT_INDEX, ['industry', 'trl'])]).toEqual([
      ['industry', 'industryCodes'],
      ['trl', 'trl'],
    ]);
    expect(() => facetAttributes(ACHIEVEMENT_INDEX, ['status'])).toThrow(/Unknown facet "status"/);
    expect(() => facetAttributes(EXPERT_INDEX, ['trl'])).toThrow(SearchInputError);
    expect(() => facetAttributes(EXPERT_INDEX, ['industry'])).toThrow(
      /allowed: region, institution, language, service/,
    );
  });
});
