import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource, In, Like } from 'typeorm';
import { AchievementEntity, AchievementStatus, AchievementTransitionEntity } from '@app/achievements';
import { AppConfigModule, ClockModule, OutboxEventEntity, OutboxSubject, QueuesModule, RedisModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { DemandEntity, DemandStatus } from '@app/demands';
import { ExpertEntity } from '@app/experts';
import { OrganisationEntity, OrganisationKind } from '@app/identity';
import { ImportModule } from './import.module';
import { ImportService } from './import.service';
import { ImportReport } from './domain/import-report';

const ROOT = join(__dirname, '../../..');
const run = promisify(execFile);

const jsonl = (...lines: Array<object | string>) =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

const ACHIEVEMENTS = jsonl(
  {
    id: 'A1',
    title: '粮仓储粮温度无线监测系统',
    summary: '在粮堆中布设无线测温电缆，实时监测粮温变化，提前发现发热霉变。',
    keywords: ['粮情监测', '无线测温'],
    industry: '物联网',
    trl: 7,
    ipType: '发明专利',
    transferModes: ['许可', '技术服务'],
    institution: '示范农业大学',
    region: '郑州',
    askingPriceWan: 50,
    rightsStatus: '赋权确认',
  },
  '{"id": "A2", "title": "坏掉的行"',
  { id: 'A3', title: '缺少摘要的成果' },
  { id: 'A4', title: 'TRL越界', summary: '技术成熟度写成了12。', trl: 12 },
  {
    id: 'A5',
    title: '高通量藻类培养光生物反应器',
    summary: '管式光生物反应器，用于微藻高密度培养。',
    industry: '新能源',
    institution: '示范生物技术研究院',
    askingPriceWan: null,
    rightsStatus: '学校所有',
    reviewer: 'an unknown field, ignored',
  },
  {
    id: 'A6',
    title: 'Delta firmware updates with rollback for battery-powered sensors',
    summary:
      'A patch pipeline that keeps firmware updates under ten percent of the image size and rolls back on failure.',
    industry: 'Internet of Things',
    transferModes: ['许可'],
  },
  {
    id: 'A7',
    title: '已转化的成果',
    summary: '已经许可给企业使用的成果。',
    institution: '示范农业大学',
    rightsStatus: '已转化',
    transferModes: ['转让'],
  },
  { id: 'A8', title: '行业未知的成果', summary: '行业字段不在分类表中。', industry: '元宇宙' },
  {
    id: 'A9',
    title: '已转化、仍可许可的成果',
    summary: '已在一家企业投产，仍接受其他企业的许可。',
    institution: '示范农业大学',
    rightsStatus: '已转化',
    transferModes: ['许可', '技术服务'],
  },
);

const EXPERTS = jsonl(
  {
    id: 'E1',
    name: '李四',
    title: '教授',
    institution: '示范农业大学',
    fields: ['粮食储藏'],
    bio: '长期从事粮食储藏与粮情监测研究。',
  },
  {
    id: 'E2',
    name: 'Zhang Wei',
    institution: '示范生物技术研究院',
    bio: 'Works on microalgae cultivation and photobioreactor design.',
  },
  { id: 'E3', name: '没有简介' },
);

const DEMANDS = jsonl(
  {
    id: 'D1',
    title: '粮库需要低成本测温方案',
    description: '现有测温电缆老化，希望换成无线方案。',
    industry: '物联网',
    budgetWan: 30,
    cooperationModes: ['技术服务'],
  },
  { id: 'D2', title: 'Need an algae reactor for a pilot plant', industry: 'new_energy', enterprise: 'Demo Foods Ltd' },
  { id: 'D3', title: '行业未知的需求', industry: '元宇宙' },
);

function writeFolder(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'tt-import-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(folder, name), content);
  return folder;
}

describe('catalogue import', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let importer: ImportService;
  const folders: string[] = [];
  const set = `it-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        AppConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot('import-test'),
        RedisModule,
        QueuesModule,
        ImportModule,
      ],
    }).compile();
    app = await moduleRef.init();
    dataSource = app.get(DataSource);
    importer = app.get(ImportService);
  });

  afterAll(async () => {
    await app?.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  function folderWith(files: Record<string, string>): string {
    const folder = writeFolder(files);
    folders.push(folder);
    return folder;
  }

  async function organisationsOf(setName: string) {
    return dataSource.getRepository(OrganisationEntity).find({ where: { externalKey: Like(`${setName}:%`) } });
  }

  /** Row counts of everything an import of `setName` touches, including the outbox rows of its objects. */
  async function countsOf(setName: string) {
    const organisationIds = (await organisationsOf(setName)).map((o) => o.id);
    const achievements = await dataSource
      .getRepository(AchievementEntity)
      .findBy({ institutionId: In(organisationIds) });
    const experts = await dataSource.getRepository(ExpertEntity).findBy({ organisationId: In(organisationIds) });
    const demands = await dataSource.getRepository(DemandEntity).findBy({ organisationId: In(organisationIds) });
    const ids = [...achievements, ...experts, ...demands].map((row) => row.id);
    const outbox = await dataSource.getRepository(OutboxEventEntity).countBy({ subjectId: In(ids) });
    const transitions = await dataSource.getRepository(AchievementTransitionEntity).countBy({
      achievementId: In(achievements.map((a) => a.id)),
    });
    return {
      organisations: organisationIds.length,
      achievements: achievements.length,
      experts: experts.length,
      demands: demands.length,
      outbox,
      transitions,
    };
  }

  const counts = (report: ImportReport) =>
    Object.fromEntries(
      Object.entries(report.files).map(([file, r]) => [
        file,
        { lines: r.lines, created: r.created, updated: r.updated, unchanged: r.unchanged, skipped: r.skipped },
      ]),
    );

  let folder: string;
  let first: ImportReport;

  it('imports the good lines and reports the bad ones with line number and reason', async () => {
    folder = folderWith({ 'achievements.jsonl': ACHIEVEMENTS, 'experts.jsonl': EXPERTS, 'demands.jsonl': DEMANDS });
    first = await importer.importFolder(folder, { organisationSet: set });

    expect(counts(first)).toEqual({
      achievements: { lines: 9, created: 6, updated: 0, unchanged: 0, skipped: 3 },
      experts: { lines: 3, created: 2, updated: 0, unchanged: 0, skipped: 1 },
      demands: { lines: 3, created: 2, updated: 0, unchanged: 0, skipped: 1 },
    });
    const achievementErrors = first.files.achievements.errors;
    expect(achievementErrors.map((e) => e.line)).toEqual([2, 3, 4]);
    expect(achievementErrors[0].reason).toMatch(/^invalid JSON: /);
    expect(achievementErrors[1].reason).toBe('summary: is required');
    expect(achievementErrors[2].reason).toBe('trl: must be an integer from 1 to 9, got number 12');
    expect(first.files.achievements.warnings).toEqual([
      { line: 8, reason: 'industry: unknown industry "元宇宙", imported without an industry' },
    ]);
    expect(first.files.experts.errors).toEqual([{ line: 3, reason: 'bio: is required' }]);
    expect(first.files.demands.errors).toEqual([
      { line: 3, reason: 'industry: a demand needs a known industry (missing or not in the taxonomy)' },
    ]);
  });

  it('creates the named institutions and enterprises of the set, and the defaults', async () => {
    const organisations = await organisationsOf(set);
    const byKey = Object.fromEntries(organisations.map((o) => [o.externalKey, o.kind]));
    expect(byKey).toEqual({
      [`${set}:示范农业大学`]: OrganisationKind.UNIVERSITY,
      [`${set}:示范生物技术研究院`]: OrganisationKind.RESEARCH_INSTITUTE,
      [`${set}:institution`]: OrganisationKind.UNIVERSITY,
      [`${set}:enterprise`]: OrganisationKind.ENTERPRISE,
      [`${set}:Demo Foods Ltd`]: OrganisationKind.ENTERPRISE,
    });
    expect(first.organisations).toEqual({ created: 5, reused: 0 });
  });

  it('lists confirmed achievements, marks transferred ones, and keeps language and ownership', async () => {
    const organisations = await organisationsOf(set);
    const achievements = await dataSource
      .getRepository(AchievementEntity)
      .findBy({ institutionId: In(organisations.map((o) => o.id)) });
    const byId = Object.fromEntries(achievements.map((a) => [a.externalId, a]));
    expect(Object.keys(byId).sort()).toEqual(['A1', 'A5', 'A6', 'A7', 'A8', 'A9']);
    expect(byId.A1).toMatchObject({
      status: AchievementStatus.LISTED,
      industryCode: 'iot',
      trl: 7,
      language: 'zh',
      askingPriceWan: 50,
    });
    expect(byId.A5).toMatchObject({ status: AchievementStatus.LISTED, institutionOwned: true, askingPriceWan: null });
    expect(byId.A6).toMatchObject({ status: AchievementStatus.LISTED, language: 'en', industryCode: 'iot' });
    // Commercialised: used up when only assignment was offered, still listed for further licensees otherwise.
    expect(byId.A7.status).toBe(AchievementStatus.TRANSFERRED);
    expect(byId.A9.status).toBe(AchievementStatus.LISTED);
    expect(byId.A8).toMatchObject({ status: AchievementStatus.LISTED, industryCode: null });
    expect(byId.A1.listedAt).not.toBeNull();

    const demands = await dataSource
      .getRepository(DemandEntity)
      .findBy({ organisationId: In(organisations.map((o) => o.id)) });
    expect(demands.map((d) => [d.externalId, d.status, d.industryCode]).sort()).toEqual([
      ['D1', DemandStatus.OPEN, 'iot'],
      ['D2', DemandStatus.OPEN, 'new_energy'],
    ]);
    const experts = await dataSource
      .getRepository(ExpertEntity)
      .findBy({ organisationId: In(organisations.map((o) => o.id)) });
    expect(experts.map((e) => [e.externalId, e.languages]).sort()).toEqual([
      ['E1', ['zh']],
      ['E2', ['en']],
    ]);
  });

  it('writes an outbox row for every imported object', async () => {
    const organisationIds = (await organisationsOf(set)).map((o) => o.id);
    const outbox = dataSource.getRepository(OutboxEventEntity);
    for (const [entity, subject, column] of [
      [AchievementEntity, OutboxSubject.ACHIEVEMENT, 'institutionId'],
      [ExpertEntity, OutboxSubject.EXPERT, 'organisationId'],
      [DemandEntity, OutboxSubject.DEMAND, 'organisationId'],
    ] as const) {
      const rows: Array<{ id: string }> = await dataSource
        .getRepository(entity)
        .findBy({ [column]: In(organisationIds) });
      const events = await outbox.findBy({ subject, subjectId: In(rows.map((r) => r.id)) });
      expect(new Set(events.map((e) => e.subjectId))).toEqual(new Set(rows.map((r) => r.id)));
    }
  });

  it('changes nothing when the same folder is imported again', async () => {
    const before = await countsOf(set);
    const second = await importer.importFolder(folder, { organisationSet: set });
    expect(counts(second)).toEqual({
      achievements: { lines: 9, created: 0, updated: 0, unchanged: 6, skipped: 3 },
      experts: { lines: 3, created: 0, updated: 0, unchanged: 2, skipped: 1 },
      demands: { lines: 3, created: 0, updated: 0, unchanged: 2, skipped: 1 },
    });
    expect(second.organisations).toEqual({ created: 0, reused: 5 });
    expect(await countsOf(set)).toEqual(before);
  });

  it('updates a changed line and writes exactly one new outbox row for it', async () => {
    const before = await countsOf(set);
    const changed = ACHIEVEMENTS.replace('"askingPriceWan":50', '"askingPriceWan":55');
    writeFileSync(join(folder, 'achievements.jsonl'), changed);
    const report = await importer.importFolder(folder, { organisationSet: set });
    expect(counts(report).achievements).toEqual({ lines: 9, created: 0, updated: 1, unchanged: 5, skipped: 3 });
    expect(await countsOf(set)).toEqual({ ...before, outbox: before.outbox + 1 });
    writeFileSync(join(folder, 'achievements.jsonl'), ACHIEVEMENTS);
  });

  it('refuses a folder without dataset files, and a bad set name', async () => {
    await expect(importer.importFolder(folderWith({ 'notes.txt': 'x' }))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('has none of achievements.jsonl'),
    });
    await expect(importer.importFolder(folder, { organisationSet: 'a:b' })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  describe('through the command line', () => {
    const cli = (...args: string[]) =>
      run(process.execPath, ['-r', '@swc-node/register', 'scripts/cli.ts', ...args], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn' },
      }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({
          code: error.code,
          stdout: error.stdout,
          stderr: error.stderr,
        }),
      );

    it('imports a folder with bad lines, exits 0, and is idempotent on a second run', async () => {
      const cliSet = `${set}-cli`;
      const firstRun = await cli('import', folder, '--organisation-set', cliSet, '--json');
      expect(firstRun.stderr).toBe('');
      expect(firstRun.code).toBe(0);
      const report = JSON.parse(firstRun.stdout) as ImportReport;
      expect(counts(report)).toEqual(counts(first));
      expect(report.files.achievements.errors.map((e) => e.line)).toEqual([2, 3, 4]);

      const before = await countsOf(cliSet);
      expect(before).toMatchObject({ achievements: 6, experts: 2, demands: 2, organisations: 5 });
      const secondRun = await cli('import', folder, '--organisation-set', cliSet);
      expect(secondRun.code).toBe(0);
      expect(secondRun.stdout).toMatch(/achievements\.jsonl\s+9\s+0\s+0\s+0\s+6\s+3/);
      expect(secondRun.stdout).toContain(
        'skipped achievements.jsonl:4: trl: must be an integer from 1 to 9, got number 12',
      );
      expect(await countsOf(cliSet)).toEqual(before);
    });

    it('exits 2 with the usage text on usage errors', async () => {
      const missing = await cli('import');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('Error: import needs a folder');
      expect(missing.stderr).toContain('Usage: npm run cli -- <command>');
      const unknown = await cli('export', folder);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain('Unknown command "export"');
      const notAFolder = await cli('import', join(folder, 'nope'));
      expect(notAFolder.code).toBe(2);
      expect(notAFolder.stderr).toContain('is not a folder');
    });
  });
});
