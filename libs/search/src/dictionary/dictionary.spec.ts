import {
  Dictionary,
  DictionaryValidationError,
  MAX_GROUP_SIZE,
  dictionary,
  dictionaryStats,
  expandTerm,
  findDictionaryTerms,
  matchKey,
  normalizeTerm,
  pluralForms,
  toMeilisearchSynonyms,
  translate,
  validateDictionaryData,
} from './dictionary';
import glossaryJson from './glossary.json';
import synonymsJson from './synonyms.json';

/** A tiny valid data set the bad fixtures are derived from. */
const goodGroups = [{ terms: ['无人机', 'UAV', 'drone'] }, { terms: ['芯片', 'chip'] }];
const goodGlossary = [
  { zh: ['腐蚀'], en: ['corrosion'] },
  { zh: ['无人机'], en: ['drone'] },
];

describe('bundled data', () => {
  it('has at least 150 synonym groups and 400 glossary entries', () => {
    expect(synonymsJson.length).toBeGreaterThanOrEqual(150);
    expect(glossaryJson.length).toBeGreaterThanOrEqual(400);
    const stats = dictionaryStats();
    expect(stats.groups).toBe(synonymsJson.length);
    expect(stats.glossaryEntries).toBe(glossaryJson.length);
  });

  it('passes validation', () => {
    expect(validateDictionaryData(synonymsJson, glossaryJson)).toEqual([]);
  });

  it('finds every one of its own terms, and only within the right group', () => {
    for (const group of dictionary.synonymGroups()) {
      for (const term of group) {
        const found = findDictionaryTerms(term);
        expect(found).toContain(term);
        expect(expandTerm(term)).toEqual(expect.arrayContaining(group));
      }
    }
    for (const entry of glossaryJson) {
      for (const term of [...entry.zh, ...entry.en]) {
        expect(findDictionaryTerms(term)).toContain(normalizeTerm(term));
      }
    }
  });

  it('leaves ambiguous abbreviations out or in one sense only', () => {
    expect(expandTerm('GaN')).toContain('氮化镓');
    expect(expandTerm('GaN')).not.toContain('生成对抗网络');
    expect(expandTerm('SOC')).toEqual(['soc']); // neither system-on-chip nor state of charge
    expect(expandTerm('ADC')).toEqual(['adc']);
  });
});

describe('normalisation', () => {
  it('applies NFKC, lower-cases Latin, trims and collapses spaces', () => {
    expect(normalizeTerm('  ＡＩ　 芯片 ')).toBe('ai 芯片');
    expect(normalizeTerm('Alzheimer’s Disease')).toBe("alzheimer's disease");
  });

  it('treats hyphens, dashes and slashes as spaces in match keys', () => {
    expect(matchKey('Li‐ion  Battery')).toBe('li ion battery');
    expect(matchKey('CRISPR/Cas9')).toBe('crispr cas9');
  });

  it('derives English plural forms', () => {
    expect(pluralForms('sensor')).toEqual(['sensors']);
    expect(pluralForms('lithium-ion battery')).toEqual(['lithium-ion batteries']);
    expect(pluralForms('greenhouse gas')).toEqual(['greenhouse gases']);
    expect(pluralForms('ceramics')).toEqual([]);
    expect(pluralForms('无人机')).toEqual([]);
    expect(pluralForms('ai')).toEqual([]);
  });
});

describe('validateDictionaryData', () => {
  it('accepts the good fixture', () => {
    expect(validateDictionaryData(goodGroups, goodGlossary)).toEqual([]);
    expect(() => Dictionary.build(goodGroups, goodGlossary)).not.toThrow();
  });

  it('rejects a term that belongs to two groups', () => {
    const groups = [...goodGroups, { terms: ['飞行器', 'drone'] }];
    const errors = validateDictionaryData(groups, goodGlossary);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/"drone" is already in synonyms\[0\]/);
    expect(() => Dictionary.build(groups, goodGlossary)).toThrow(DictionaryValidationError);
  });

  it('compares terms by match key, so spelling variants still clash', () => {
    const errors = validateDictionaryData([...goodGroups, { terms: ['小芯片', 'CHIP'] }], goodGlossary);
    expect(errors.join('\n')).toMatch(/"CHIP" is already in synonyms\[1\]/);
  });

  it('rejects empty, too short, duplicated and one-language groups', () => {
    const errors = validateDictionaryData(
      [
        { terms: ['传感器', '  '] },
        { terms: ['芯片'] },
        { terms: ['雷达', 'radar', 'Radar'] },
        { terms: ['激光', 'x'] },
        { terms: ['污水', '废水'] },
        { terms: 'drone' },
        { terms: ['石墨烯', 'graphene'], colour: 'blue' },
      ],
      goodGlossary,
    );
    const text = errors.join('\n');
    expect(text).toMatch(/synonyms\[0\].*empty term/);
    expect(text).toMatch(/synonyms\[1\].*at least 2 terms/);
    expect(text).toMatch(/synonyms\[2\].*duplicate term "Radar"/);
    expect(text).toMatch(/synonyms\[3\].*shorter than 2/);
    expect(text).toMatch(/synonyms\[4\].*one Chinese and one non-Chinese/);
    expect(text).toMatch(/synonyms\[5\].*"terms" must be an array/);
    expect(text).toMatch(/synonyms\[6\].*unknown field "colour"/);
  });

  it('rejects oversized groups', () => {
    const terms = ['无人机', ...Array.from({ length: MAX_GROUP_SIZE }, (_, i) => `drone model ${i}`)];
    expect(validateDictionaryData([{ terms }], goodGlossary).join('\n')).toMatch(/at most 12 allowed/);
  });

  it('rejects bad glossary entries', () => {
    const errors = validateDictionaryData(goodGroups, [
      { zh: ['腐蚀'], en: ['Corrosion'] },
      { zh: ['corrosion'], en: ['rust'] },
      { zh: ['锈蚀'], en: ['生锈'] },
      { zh: [], en: ['wear'] },
      { zh: ['腐蚀'], en: ['erosion'] },
      { zh: ['无人机'], en: ['chip'] },
    ]);
    const text = errors.join('\n');
    expect(text).toMatch(/glossary\[0\].*must be written lower-case/);
    expect(text).toMatch(/glossary\[1\].*has no Chinese characters/);
    expect(text).toMatch(/glossary\[2\].*contains Chinese characters/);
    expect(text).toMatch(/glossary\[3\].*"zh" must be a non-empty array/);
    expect(text).toMatch(/glossary\[4\].*"腐蚀" is already in glossary\[0\]/);
    expect(text).toMatch(/glossary\[5\].*different synonym groups/);
  });

  it('rejects non-arrays', () => {
    expect(validateDictionaryData({}, null)).toEqual([
      'synonyms: must be a non-empty array of groups',
      'glossary: must be a non-empty array of entries',
    ]);
  });
});

describe('expandTerm', () => {
  it('expands 无人机 to drone and back', () => {
    expect(expandTerm('无人机')).toEqual(expect.arrayContaining(['无人机', 'drone', 'uav', 'unmanned aerial vehicle']));
    expect(expandTerm('无人机')[0]).toBe('无人机');
    expect(expandTerm('Drone')).toEqual(expect.arrayContaining(['drone', '无人机']));
    expect(expandTerm('Drone')[0]).toBe('drone');
  });

  it('accepts case, spacing, hyphen and plural variants', () => {
    expect(expandTerm('Lithium ion  Battery')).toContain('锂电');
    expect(expandTerm('UAVs')).toContain('无人机');
    expect(expandTerm('ＩＯＴ')).toContain('物联网');
  });

  it('returns unknown terms unchanged and empty input as []', () => {
    expect(expandTerm('  Flux Capacitor ')).toEqual(['flux capacitor']);
    expect(expandTerm('   ')).toEqual([]);
  });
});

describe('translate', () => {
  it('translates both ways through synonym groups', () => {
    expect(translate('无人机').en).toEqual(expect.arrayContaining(['drone', 'uav']));
    expect(translate('drone').zh).toEqual(expect.arrayContaining(['无人机']));
    expect(translate('锂电').en).toContain('lithium-ion battery');
    expect(translate('IC').zh).toEqual(expect.arrayContaining(['集成电路', '芯片']));
  });

  it('translates both ways through the glossary', () => {
    expect(translate('腐蚀')).toEqual({ zh: ['腐蚀'], en: ['corrosion'] });
    expect(translate('Corrosion').zh).toEqual(['腐蚀']);
    expect(translate('降解').en).toContain('degradation');
    expect(translate('fault diagnosis').zh).toContain('故障诊断');
    expect(translate('续航').en).toContain('endurance');
  });

  it('joins a glossary entry with the synonym group of its terms', () => {
    const sensor = translate('sensors');
    expect(sensor.zh).toEqual(expect.arrayContaining(['传感器', '传感装置']));
    expect(sensor.en[0]).toBe('sensor');
  });

  it('returns empty lists for unknown terms', () => {
    expect(translate('flux capacitor')).toEqual({ zh: [], en: [] });
    expect(translate('')).toEqual({ zh: [], en: [] });
  });
});

describe('findDictionaryTerms', () => {
  it('prefers the longest Chinese match', () => {
    const found = findDictionaryTerms('本项目研发高能量密度锂离子电池');
    expect(found).toEqual(['研发', '能量密度', '锂离子电池']);
    expect(found).not.toContain('电池');
  });

  it('matches English whole words only', () => {
    expect(findDictionaryTerms('He said the mainland plan was fine')).not.toContain('ai');
    expect(findDictionaryTerms('An AI-based, electric platform')).toEqual(expect.arrayContaining(['ai', 'platform']));
    expect(findDictionaryTerms('electric')).not.toContain('ic');
    expect(findDictionaryTerms('IC design for 5G')).toEqual(['ic design', '5g']);
  });

  it('finds Latin terms glued to Chinese text', () => {
    expect(findDictionaryTerms('基于AI的芯片')).toEqual(['ai', '芯片']);
    expect(findDictionaryTerms('采用PLC控制')).toEqual(['plc', '控制']);
  });

  it('handles mixed Chinese/English text with multi-word phrases, case and plurals', () => {
    const found = findDictionaryTerms(
      '我们需要Unmanned Aerial Vehicles做巡检, with Li-ion batteries that work at low temperature; 低温下掉电快。',
    );
    expect(found).toEqual(['unmanned aerial vehicle', '巡检', 'li-ion battery', 'low temperature', '低温', '掉电快']);
  });

  it('normalises full-width text', () => {
    expect(findDictionaryTerms('ＩｏＴ　传感器')).toEqual(['iot', '传感器']);
  });

  it('returns [] for empty or unrelated text', () => {
    expect(findDictionaryTerms('')).toEqual([]);
    expect(findDictionaryTerms('lorem ipsum dolor sit amet')).toEqual([]);
  });

  // Its speed is measured by `npm run bench:search`, not asserted here (machines differ, tests run in parallel).
  it('finds every term of a 500-character mixed text, the same on every run', () => {
    const text = (
      '我公司生产的电动工具锂电池在冬季低温环境下掉电快、续航短，希望找到提升低温性能的电解液或正极材料方案。' +
      'We need a machine vision system to detect surface defects on stamped parts; the line uses PLCs, IoT sensors and 5G. ' +
      '养殖场污水氨氮和COD超标，希望采用膜生物反应器或高级氧化工艺实现达标排放，并对污泥进行资源化利用。'
    )
      .repeat(3)
      .slice(0, 500);
    expect(text).toHaveLength(500);
    const terms = findDictionaryTerms(text);
    expect(terms).toEqual(
      expect.arrayContaining([
        '锂电池',
        '电解液',
        '正极材料',
        'machine vision',
        'plc',
        'iot',
        '5g',
        '膜生物反应器',
        '高级氧化工艺',
      ]),
    );
    // Each term once, though the text repeats it; and no state carried between calls.
    expect(new Set(terms).size).toBe(terms.length);
    for (let run = 0; run < 50; run++) expect(findDictionaryTerms(text)).toEqual(terms);
  });
});

describe('toMeilisearchSynonyms', () => {
  const map = toMeilisearchSynonyms();

  it('is symmetric and never maps a term to itself', () => {
    for (const [term, synonyms] of Object.entries(map)) {
      expect(synonyms).not.toContain(term);
      expect(synonyms.length).toBeGreaterThan(0);
      expect(synonyms.length).toBeLessThan(MAX_GROUP_SIZE);
      for (const other of synonyms) expect(map[other]).toContain(term);
    }
  });

  it('maps each group term to the rest of its group', () => {
    const terms = dictionary.synonymGroups().flat();
    expect(Object.keys(map).sort()).toEqual([...terms].sort());
    expect(map['无人机']).toEqual(expect.arrayContaining(['drone', 'uav']));
    expect(map['drone']).toContain('无人机');
  });

  it('returns a fresh copy each call', () => {
    const copy = toMeilisearchSynonyms();
    copy['无人机'].push('mutated');
    expect(toMeilisearchSynonyms()['无人机']).not.toContain('mutated');
  });
});
