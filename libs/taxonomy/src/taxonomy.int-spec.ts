import { startTestApi, TestApi } from '@app/testing';
import { TaxonomyService } from './taxonomy.service';

describe('taxonomy', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());

  it('serves the seeded industries publicly, priority industries first', async () => {
    const res = await api.gql(`{ industries { code nameZh nameEn sortOrder } }`);
    expect(res.errors).toBeUndefined();
    const industries = res.data!.industries as Array<{ code: string; nameZh: string }>;
    expect(industries.map((i) => i.code)).toEqual([
      'software',
      'ai',
      'low_altitude',
      'iot',
      'ic',
      'new_materials',
      'biomedicine',
      'medical_devices',
      'smart_manufacturing',
      'new_energy',
      'energy_saving',
      'modern_agriculture',
      'culture_tourism_education',
    ]);
    expect(industries.slice(0, 4).map((i) => i.nameZh)).toEqual(['软件信息', '人工智能', '低空经济', '物联网']);
  });

  it.each([
    ['ai', 'ai'],
    ['人工智能', 'ai'],
    [' 低空经济 ', 'low_altitude'],
    ['Artificial Intelligence', 'ai'],
    ['INTERNET OF THINGS', 'iot'],
    ['LOW_ALTITUDE', 'low_altitude'],
    ['文旅教育', 'culture_tourism_education'],
    ['航空航天', null],
    ['', null],
  ])('resolves %p to %p', async (text, code) => {
    await expect(api.app.get(TaxonomyService).resolveIndustry(text)).resolves.toBe(code);
  });
});
