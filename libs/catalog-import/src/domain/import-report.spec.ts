import { emptyFileReport, formatReport, ImportReport, totalSkipped } from './import-report';

describe('formatReport', () => {
  const report: ImportReport = {
    folder: '/data/catalogue',
    organisationSet: 'demo',
    organisations: { created: 2, reused: 1 },
    files: {
      achievements: {
        ...emptyFileReport('achievements', true),
        lines: 4,
        created: 2,
        updated: 1,
        skipped: 1,
        errors: [{ line: 3, reason: 'trl: must be an integer from 1 to 9, got number 12' }],
        warnings: [{ line: 4, reason: 'industry: unknown industry "元宇宙", imported without an industry' }],
      },
      experts: emptyFileReport('experts', false),
      demands: { ...emptyFileReport('demands', true), lines: 1, unchanged: 1 },
    },
  };

  it('prints a table of counts, absent files, then every skipped line and warning with file and line', () => {
    expect(formatReport(report).split('\n')).toEqual([
      'Imported /data/catalogue into organisation set "demo"',
      'Organisations: 2 created, 1 reused',
      'file                   lines  imported  created  updated  unchanged  skipped  warnings',
      'achievements.jsonl         4         3        2        1          0        1         1',
      'experts.jsonl       (absent)',
      'demands.jsonl              1         0        0        0          1        0         0',
      'skipped achievements.jsonl:3: trl: must be an integer from 1 to 9, got number 12',
      'warning achievements.jsonl:4: industry: unknown industry "元宇宙", imported without an industry',
    ]);
  });

  it('sums skipped lines over the files', () => {
    expect(totalSkipped(report)).toBe(1);
  });
});
