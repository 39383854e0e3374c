import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import {
  annualReportInstitution,
  exportFileBlob,
  followUpAnswer,
  formatWan,
  isSchemeField,
  mayAnswer,
  mayEditReport,
  mayVerify,
  missingEvidence,
  readPrefill,
  resultActions,
  rewardActions,
  ruleVersionInput,
  schemeFieldErrors,
  schemeInput,
  splitList,
  verificationProgress,
  weightShares,
} from './logic';

describe('readPrefill', () => {
  it('reads the platform records the application was raised with', () => {
    const summary = readPrefill(
      JSON.stringify({
        achievement: { title: '低空无人机避障系统' },
        rights: { kind: 'OWNERSHIP', teamSharePercent: 70, rightsConfirmedAt: '2026-01-05T00:00:00Z' },
        registration: { contractType: 'TRANSFER', contractValueWan: 320 },
        enterprise: { name: '星辰制造', region: '苏州' },
        eligibility: { cappedBy: 'ITEM', uncappedWan: 56 },
      }),
    );
    expect(summary).toEqual({
      achievementTitle: '低空无人机避障系统',
      rightsKind: 'OWNERSHIP',
      teamSharePercent: 70,
      rightsConfirmedAt: '2026-01-05T00:00:00Z',
      contractType: 'TRANSFER',
      contractValueWan: 320,
      enterpriseName: '星辰制造',
      enterpriseRegion: '苏州',
      cappedBy: 'ITEM',
      uncappedWan: 56,
    });
  });

  it('shows dashes for a broken or partial document instead of failing', () => {
    expect(readPrefill('not json').achievementTitle).toBe('—');
    expect(readPrefill(null).enterpriseName).toBe('—');
    const partial = readPrefill(JSON.stringify({ achievement: { title: 'A' }, rights: { teamSharePercent: 'x' } }));
    expect(partial.achievementTitle).toBe('A');
    expect(partial.teamSharePercent).toBeNull();
    expect(partial.cappedBy).toBeNull();
  });
});

describe('rewardActions', () => {
  it('lets applicants edit and submit drafts and returned applications only', () => {
    expect(rewardActions('DRAFT', 'applicant')).toEqual(['edit', 'submit']);
    expect(rewardActions('RETURNED', 'applicant')).toEqual(['edit', 'submit']);
    for (const status of ['SUBMITTED', 'APPROVED', 'PAID'] as const)
      expect(rewardActions(status, 'applicant')).toEqual([]);
  });

  it('lets the bureau approve or return a submitted one and record the payment of an approved one', () => {
    expect(rewardActions('SUBMITTED', 'bureau')).toEqual(['approve', 'return']);
    expect(rewardActions('APPROVED', 'bureau')).toEqual(['pay']);
    for (const status of ['DRAFT', 'RETURNED', 'PAID'] as const) expect(rewardActions(status, 'bureau')).toEqual([]);
  });
});

describe('missingEvidence', () => {
  it('names the required evidence not yet attached, ignoring surrounding spaces and extra items', () => {
    const required = ['技术合同', '赋权协议', '技术性收入凭证'];
    expect(missingEvidence(required, [])).toEqual(required);
    expect(missingEvidence(required, [{ label: ' 技术合同 ' }, { label: '其他' }])).toEqual([
      '赋权协议',
      '技术性收入凭证',
    ]);
    expect(
      missingEvidence(
        required,
        required.map((label) => ({ label })),
      ),
    ).toEqual([]);
  });
});

describe('formatWan and splitList', () => {
  it('rounds to two decimals and shows a dash for no amount', () => {
    expect(formatWan(28)).toBe('28');
    expect(formatWan(12.3456)).toBe('12.35');
    expect(formatWan(null)).toBe('—');
    expect(formatWan(Number.NaN)).toBe('—');
  });

  it('splits on commas, 顿号 and lines, dropping blanks and repeats', () => {
    expect(splitList('杭州、苏州, 无锡，杭州\n\n')).toEqual(['杭州', '苏州', '无锡']);
    expect(splitList('')).toEqual([]);
  });
});

describe('ruleVersionInput', () => {
  it('turns the form into the mutation input: lists split, contract types upper-cased, blank caps none', () => {
    expect(
      ruleVersionInput({
        name: ' 奖励办法（2027） ',
        effectiveFrom: '2027-01-01',
        effectiveTo: '',
        qualifications: ['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT'],
        districtRegions: '杭州、苏州',
        contractTypes: 'transfer, LICENSE',
        sharePercent: 8,
        minTechnicalIncomeWan: null,
        capPerItemWan: 40,
        capPerYearWan: null,
        requiredEvidence: '技术合同、赋权协议',
      }),
    ).toEqual({
      name: '奖励办法（2027）',
      effectiveFrom: '2027-01-01',
      effectiveTo: null,
      terms: {
        qualifications: ['RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT'],
        districtRegions: ['杭州', '苏州'],
        contractTypes: ['TRANSFER', 'LICENSE'],
        sharePercent: 8,
        minTechnicalIncomeWan: 0,
        capPerItemWan: 40,
        capPerYearWan: null,
        requiredEvidence: ['技术合同', '赋权协议'],
      },
    });
  });
});

describe('evaluation', () => {
  it('counts the self-reported items by verification, leaving platform ones out', () => {
    expect(
      verificationProgress([
        { source: 'PLATFORM', verification: 'PLATFORM' },
        { source: 'SELF_REPORTED', verification: 'VERIFIED' },
        { source: 'SELF_REPORTED', verification: 'PENDING' },
        { source: 'SELF_REPORTED', verification: 'PENDING' },
        { source: 'SELF_REPORTED', verification: 'REJECTED' },
      ]),
    ).toEqual({ selfReported: 4, verified: 1, rejected: 1, pending: 2 });
  });

  it('verifies submitted reports only; the institution edits drafts and returned ones', () => {
    expect(mayVerify('SUBMITTED')).toBe(true);
    expect(mayVerify('VERIFIED')).toBe(false);
    expect(mayVerify('DRAFT')).toBe(false);
    expect(mayEditReport('DRAFT')).toBe(true);
    expect(mayEditReport('RETURNED')).toBe(true);
    expect(mayEditReport('SUBMITTED')).toBe(false);
  });

  it('computes while the year is open, publishes once computed, nothing once published', () => {
    expect(resultActions('DRAFT', null)).toEqual({ compute: false, publish: false });
    expect(resultActions('OPEN', null)).toEqual({ compute: true, publish: false });
    expect(resultActions('OPEN', '2026-12-01T00:00:00Z')).toEqual({ compute: true, publish: true });
    expect(resultActions('PUBLISHED', '2026-12-01T00:00:00Z')).toEqual({ compute: false, publish: false });
  });
});

describe('follow-ups', () => {
  it('sends blanks as unknown and a company name only when a company was founded', () => {
    expect(
      followUpAnswer('f1', {
        productLaunched: true,
        companyFounded: false,
        companyName: '不该发送',
        revenueWan: 120,
        jobsCreated: null,
        followOnInvestmentWan: undefined,
        note: '  ',
      }),
    ).toEqual({
      followUpId: 'f1',
      productLaunched: true,
      companyFounded: false,
      companyName: null,
      revenueWan: 120,
      jobsCreated: null,
      followOnInvestmentWan: null,
      note: null,
    });
    expect(
      followUpAnswer('f1', { productLaunched: false, companyFounded: true, companyName: ' 翼展新材 ' }).companyName,
    ).toBe('翼展新材');
  });

  it('may be answered once asked and updated once answered, not before nor after lapsing', () => {
    expect(mayAnswer('ASKED')).toBe(true);
    expect(mayAnswer('ANSWERED')).toBe(true);
    expect(mayAnswer('SCHEDULED')).toBe(false);
    expect(mayAnswer('LAPSED')).toBe(false);
  });
});

describe('exportFileBlob', () => {
  it('decodes the base64 of an export to its bytes and type', async () => {
    const text = '\ufeff机构,得分\r\n';
    const base64 = btoa(String.fromCharCode(...new TextEncoder().encode(text)));
    const blob = exportFileBlob({ base64, contentType: 'text/csv; charset=utf-8' });
    expect(blob.type).toBe('text/csv; charset=utf-8');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await blob.arrayBuffer()))).toBe(text);
  });
});

describe('annualReportInstitution', () => {
  const membership = (role: string, kind: string, patch: Partial<{ status: string; orgAdmin: boolean }> = {}) => ({
    role,
    status: 'ACTIVE',
    orgAdmin: false,
    organisation: { id: `${role}-${kind}`, name: kind, kind },
    ...patch,
  });

  it('picks the institution the person acts for as TTO or organisation admin', () => {
    expect(
      annualReportInstitution([membership('ENTERPRISE_MEMBER', 'ENTERPRISE'), membership('TTO_OFFICER', 'UNIVERSITY')]),
    ).toEqual({ id: 'TTO_OFFICER-UNIVERSITY', name: 'UNIVERSITY' });
    expect(annualReportInstitution([membership('RESEARCHER', 'RESEARCH_INSTITUTE', { orgAdmin: true })])?.id).toBe(
      'RESEARCHER-RESEARCH_INSTITUTE',
    );
  });

  it('ignores pending memberships, researchers and non-institutions', () => {
    expect(
      annualReportInstitution([
        membership('TTO_OFFICER', 'UNIVERSITY', { status: 'PENDING' }),
        membership('RESEARCHER', 'UNIVERSITY'),
        membership('TTO_OFFICER', 'ENTERPRISE'),
      ]),
    ).toBeNull();
  });
});

describe('the indicator scheme editor', () => {
  it('shows each weight’s share of the sum, blanks and zeros as none', () => {
    expect(weightShares([40, 60])).toEqual([40, 60]);
    expect(weightShares([1, 2, null, 0])).toEqual([33.3, 66.7, null, null]);
    expect(weightShares([0, undefined])).toEqual([null, null]);
  });

  it('sends a platform metric only for platform indicators and thresholds only for threshold scoring', () => {
    const input = schemeInput(2031, {
      title: ' 2031 指标 ',
      tiers: { excellent: 90, good: 75, pass: 60 },
      indicators: [
        {
          key: ' revenue ',
          label: '营业收入',
          weight: 60,
          source: 'SELF_REPORTED',
          platformMetric: 'LISTINGS',
          method: 'MIN_MAX',
          thresholds: [{ min: 1, points: 50 }],
        },
        {
          key: 'contracts',
          label: '技术合同登记数',
          weight: 40,
          source: 'PLATFORM',
          platformMetric: 'REGISTERED_CONTRACTS',
          method: 'THRESHOLDS',
          thresholds: [{ min: 2, points: 100 }],
        },
      ],
    });
    expect(input).toEqual({
      year: 2031,
      title: '2031 指标',
      tiers: { excellent: 90, good: 75, pass: 60 },
      indicators: [
        {
          key: 'revenue',
          label: '营业收入',
          weight: 60,
          source: 'SELF_REPORTED',
          platformMetric: null,
          method: 'MIN_MAX',
          thresholds: [],
        },
        {
          key: 'contracts',
          label: '技术合同登记数',
          weight: 40,
          source: 'PLATFORM',
          platformMetric: 'REGISTERED_CONTRACTS',
          method: 'THRESHOLDS',
          thresholds: [{ min: 2, points: 100 }],
        },
      ],
    });
  });

  it('knows the editor’s fields', () => {
    expect(isSchemeField(['indicators', 1, 'weight'], 2)).toBe(true);
    expect(isSchemeField(['indicators', 2, 'weight'], 2)).toBe(false);
    expect(isSchemeField(['indicators', 0, 'thresholds', 1, 'points'], 1)).toBe(true);
    expect(isSchemeField(['tiers', 'good'], 1)).toBe(true);
    expect(isSchemeField(['tiers'], 1)).toBe(false);
    expect(isSchemeField(['indicators'], 1)).toBe(false);
  });

  it('puts the API’s problems next to the fields they name, the rest above the form', () => {
    const known = (name: Array<string | number>) => isSchemeField(name, 2);
    const invalid = new CombinedGraphQLErrors({
      errors: [
        {
          message: '指标体系不完整或不一致（indicators.1.weight）',
          extensions: { code: 'BAD_USER_INPUT', reason: 'EVALUATION_SCHEME_INVALID', field: 'indicators.1.weight' },
        },
      ],
    });
    expect(schemeFieldErrors(invalid, known)).toEqual({
      fields: [{ name: ['indicators', 1, 'weight'], errors: ['指标体系不完整或不一致（indicators.1.weight）'] }],
      general: [],
    });
    const tiers = new CombinedGraphQLErrors({
      errors: [{ message: '指标体系不完整或不一致（tiers）', extensions: { field: 'tiers' } }],
    });
    expect(schemeFieldErrors(tiers, known)).toEqual({ fields: [], general: ['指标体系不完整或不一致（tiers）'] });
    const pipe = new CombinedGraphQLErrors({
      errors: [
        {
          message: 'Invalid fields',
          extensions: {
            reason: 'INVALID_FIELDS',
            fields: [{ field: 'indicators.0.thresholds.1.points', problems: ['points must not be greater than 100'] }],
          },
        },
      ],
    });
    expect(schemeFieldErrors(pipe, known).fields).toEqual([
      { name: ['indicators', 0, 'thresholds', 1, 'points'], errors: ['points must not be greater than 100'] },
    ]);
  });
});
