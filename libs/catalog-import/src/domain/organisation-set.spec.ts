import { enterpriseSpec, institutionKind, institutionSpec, organisationSetProblem } from './organisation-set';

describe('institutionKind', () => {
  it.each([
    ['滇池生物技术研究院', 'RESEARCH_INSTITUTE'],
    ['某省农业科学院作物研究所', 'RESEARCH_INSTITUTE'],
    ['Pujiang Institute for Advanced Computing', 'RESEARCH_INSTITUTE'],
    ['Shenzhen Research Institute of Big Data', 'RESEARCH_INSTITUTE'],
    ['钱塘工业大学', 'UNIVERSITY'],
    ['秦岭航空工程学院', 'UNIVERSITY'],
    ['Qiantang University of Technology', 'UNIVERSITY'],
    ['Qinling Institute of Aeronautical Engineering', 'UNIVERSITY'],
    ['Harbin Institute of Technology', 'UNIVERSITY'],
  ])('%s → %s', (name, kind) => {
    expect(institutionKind(name)).toBe(kind);
  });
});

describe('organisation specs', () => {
  it('keys institutions by set and normalised name', () => {
    expect(institutionSpec('dev', ' 申江大学  ')).toEqual({
      externalKey: 'dev:申江大学',
      name: '申江大学',
      kind: 'UNIVERSITY',
    });
    expect(institutionSpec('dev', 'Ｘ研究院').externalKey).toBe('dev:X研究院');
  });

  it('sends records without an institution or enterprise to the set defaults', () => {
    expect(institutionSpec('dev', null)).toMatchObject({ externalKey: 'dev:institution', kind: 'UNIVERSITY' });
    expect(enterpriseSpec('dev', null)).toMatchObject({ externalKey: 'dev:enterprise', kind: 'ENTERPRISE' });
    expect(enterpriseSpec('dev', '某某科技有限公司')).toEqual({
      externalKey: 'dev:某某科技有限公司',
      name: '某某科技有限公司',
      kind: 'ENTERPRISE',
    });
  });

  it('validates set names', () => {
    expect(organisationSetProblem('dev-zh')).toBeNull();
    expect(organisationSetProblem('示范区')).toBeNull();
    expect(organisationSetProblem('a:b')).toMatch(/without ":"/);
    expect(organisationSetProblem('')).not.toBeNull();
    expect(organisationSetProblem(' x')).not.toBeNull();
    expect(organisationSetProblem('x'.repeat(65))).not.toBeNull();
  });
});
