import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import {
  fromDemand,
  postableKinds,
  publicView,
  toDemandInput,
  validateDemand,
  type DemandFormValues,
} from './demand-form';

const NOW = new Date('2026-12-07T08:00:00Z');

const filled: DemandFormValues = {
  title: '  低功耗水质在线监测传感器  ',
  summary: '农村供水管网需要长期在线监测浊度和余氯。',
  confidentialDetails: '现有设备每 3 个月需更换电极，年维护成本约 40 万元。',
  industryCode: 'environment',
  mustHave: [
    { name: '功耗', target: '≤ 5 mW', current: '' },
    { name: '', target: '', current: '' },
  ],
  niceToHave: [{ name: '续航', target: '≥ 2 年', current: '6 个月' }],
  cooperationModes: ['LICENSE', 'LICENSE', 'JOINT_DEVELOPMENT'],
  budgetMinWan: 50,
  budgetMaxWan: 120,
  deadline: dayjs('2027-03-31T10:00:00'),
  region: '',
  anonymous: true,
};

describe('toDemandInput', () => {
  it('maps the form to the API input: trimmed texts, one indicator list with mustHave, modes once', () => {
    const input = toDemandInput(filled);
    expect(input).toMatchObject({
      title: '低功耗水质在线监测传感器',
      summary: '农村供水管网需要长期在线监测浊度和余氯。',
      confidentialDetails: '现有设备每 3 个月需更换电极，年维护成本约 40 万元。',
      industryCode: 'environment',
      cooperationModes: ['LICENSE', 'JOINT_DEVELOPMENT'],
      budgetMinWan: 50,
      budgetMaxWan: 120,
      region: null,
      anonymous: true,
    });
    // The empty must-have row is dropped rather than refused.
    expect(input.technicalIndicators).toEqual([
      { name: '功耗', current: null, target: '≤ 5 mW', mustHave: true },
      { name: '续航', current: '6 个月', target: '≥ 2 年', mustHave: false },
    ]);
    // The deadline is the end of the chosen day.
    expect(dayjs(input.deadline).format('YYYY-MM-DD HH:mm')).toBe('2027-03-31 23:59');
  });

  it('sends cleared optional fields as null, so an update clears them', () => {
    const input = toDemandInput({ title: '需求', summary: '问题', industryCode: 'ai', confidentialDetails: '   ' });
    expect(input).toMatchObject({
      confidentialDetails: null,
      budgetMinWan: null,
      budgetMaxWan: null,
      deadline: null,
      region: null,
      anonymous: false,
      technicalIndicators: [],
      cooperationModes: [],
    });
  });

  it('round-trips a saved draft through the form (editing a draft)', () => {
    const saved = {
      ...toDemandInput(filled),
      technicalIndicators: toDemandInput(filled).technicalIndicators!.map((i) => ({ ...i, mustHave: !!i.mustHave })),
      cooperationModes: toDemandInput(filled).cooperationModes!,
      anonymous: true,
    };
    const values = fromDemand(saved, (iso) => dayjs(iso));
    expect(values.mustHave).toEqual([{ name: '功耗', current: '', target: '≤ 5 mW' }]);
    expect(values.niceToHave).toEqual([{ name: '续航', current: '6 个月', target: '≥ 2 年' }]);
    expect(toDemandInput(values)).toEqual(toDemandInput(filled));
  });
});

describe('validateDemand', () => {
  it('accepts a complete demand', () => {
    expect(validateDemand(filled, { publishing: true, now: NOW })).toEqual([]);
  });

  it('reports the problems the API would, next to their fields', () => {
    const problems = validateDemand(
      {
        title: ' 水 ',
        summary: '   ',
        industryCode: undefined,
        mustHave: [{ name: '功耗', target: '' }],
        niceToHave: [{ name: '', target: '≥ 2 年' }],
        budgetMinWan: 200,
        budgetMaxWan: 100,
        deadline: dayjs('2026-12-01'),
        region: 'x'.repeat(101),
      },
      { publishing: true, now: NOW },
    );
    expect(problems).toEqual([
      { name: 'title', message: 'length', values: { min: 2, max: 200 } },
      { name: 'summary', message: 'required' },
      { name: 'industryCode', message: 'required' },
      { name: 'region', message: 'tooLong', values: { max: 100 } },
      { name: ['mustHave', 0, 'target'], message: 'required' },
      { name: ['niceToHave', 0, 'name'], message: 'required' },
      { name: 'budgetMinWan', message: 'budgetOrder' },
      { name: 'deadline', message: 'deadlinePast' },
    ]);
  });

  it('lets a draft keep a past deadline (only publishing needs a future one)', () => {
    const values = { ...filled, deadline: dayjs('2026-01-01') };
    expect(validateDemand(values, { publishing: false, now: NOW })).toEqual([]);
    expect(validateDemand(values, { publishing: true, now: NOW })).toEqual([
      { name: 'deadline', message: 'deadlinePast' },
    ]);
  });

  it('bounds lengths and counts as the API does', () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ name: `指标${i}`, target: '1' }));
    const problems = validateDemand(
      { ...filled, confidentialDetails: '密'.repeat(20001), niceToHave: many, budgetMaxWan: -1, budgetMinWan: null },
      { publishing: false, now: NOW },
    );
    expect(problems).toEqual([
      { name: 'confidentialDetails', message: 'tooLong', values: { max: 20000 } },
      { name: 'niceToHave', message: 'tooMany', values: { max: 50 } },
      { name: 'budgetMaxWan', message: 'negative' },
    ]);
  });
});

describe('publicView', () => {
  it('never carries the confidential details, and hides the company of an anonymous demand', () => {
    const view = publicView(filled, '翼展航空科技有限公司');
    expect(JSON.stringify(view)).not.toContain('更换电极');
    expect(view.organisationName).toBeNull();
    expect(publicView({ ...filled, anonymous: false }, '翼展航空科技有限公司').organisationName).toBe(
      '翼展航空科技有限公司',
    );
    expect(view.indicators.map((i) => [i.name, i.mustHave])).toEqual([
      ['功耗', true],
      ['续航', false],
    ]);
  });
});

describe('application scenarios in the demand form', () => {
  it('offers scenarios to government bodies (only) and to verified state-owned enterprises', () => {
    expect(postableKinds({ kind: 'GOVERNMENT', verificationStatus: 'VERIFIED' })).toEqual(['APPLICATION_SCENARIO']);
    expect(postableKinds({ kind: 'ENTERPRISE', verificationStatus: 'VERIFIED', stateOwned: true })).toEqual([
      'TECHNICAL_PROBLEM',
      'APPLICATION_SCENARIO',
    ]);
    expect(postableKinds({ kind: 'ENTERPRISE', verificationStatus: 'PENDING', stateOwned: true })).toEqual([
      'TECHNICAL_PROBLEM',
    ]);
    expect(postableKinds({ kind: 'ENTERPRISE', verificationStatus: 'VERIFIED', stateOwned: false })).toEqual([
      'TECHNICAL_PROBLEM',
    ]);
  });

  it('sends the scenario fields only for a scenario, and asks for its site', () => {
    const base = { title: '港区巡检', summary: '需要无人机巡检', industryCode: 'ai' };
    const scenario = { ...base, kind: 'APPLICATION_SCENARIO' as const, site: ' 3 号码头 ', timeline: '三个月' };
    expect(toDemandInput(scenario)).toMatchObject({ site: '3 号码头', timeline: '三个月', dataAvailable: null });
    expect(toDemandInput({ ...base, site: '3 号码头' })).toMatchObject({ site: null });
    expect(validateDemand({ ...scenario, site: ' ' }, { publishing: false, now: new Date() })).toContainEqual({
      name: 'site',
      message: 'required',
    });
    expect(publicView(scenario, '滨海港务').kind).toBe('APPLICATION_SCENARIO');
  });
});
