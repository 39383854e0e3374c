import { AchievementRecord, DemandRecord, ExpertRecord, LineError, ValidatedLine } from './dataset-records';
import { detectLanguage } from './language';
import { IndustryResolver, validateFile, validateLine } from './validate-line';

const INDUSTRIES: Record<string, string> = { 人工智能: 'ai', 物联网: 'iot', ai: 'ai', 'artificial intelligence': 'ai' };
const resolve: IndustryResolver = (text) => INDUSTRIES[text.toLowerCase()] ?? null;

const achievement = {
  id: 'A001',
  title: '基于深度学习的晶圆缺陷检测',
  summary: '针对晶圆表面缺陷人工复检效率低的问题，研制了基于卷积神经网络的缺陷分类系统。',
  keywords: ['晶圆', '缺陷检测'],
  industry: '人工智能',
  trl: 6,
  ipType: '发明专利',
  transferModes: ['许可', '技术服务'],
  institution: '示范工业大学',
  region: '杭州',
  askingPriceWan: 120,
  rightsStatus: '赋权确认',
};

async function ok<R>(promise: Promise<ValidatedLine<R> | LineError>): Promise<ValidatedLine<R>> {
  const result = await promise;
  if (!('record' in result)) throw new Error(`expected a record, got error: ${result.reason}`);
  return result;
}

async function fails(promise: Promise<ValidatedLine<unknown> | LineError>): Promise<LineError> {
  const result = await promise;
  if ('record' in result) throw new Error(`expected an error, got ${JSON.stringify(result.record)}`);
  return result;
}

const line = (json: object) => JSON.stringify(json);

describe('validateLine: achievements', () => {
  it('turns a complete line into a typed record with the industry code and language', async () => {
    const { record, warnings } = await ok<AchievementRecord>(
      validateLine('achievements', line(achievement), 3, resolve),
    );
    expect(record).toEqual({
      externalId: 'A001',
      title: achievement.title,
      summary: achievement.summary,
      keywords: ['晶圆', '缺陷检测'],
      industryCode: 'ai',
      trl: 6,
      ipType: '发明专利',
      transferModes: ['许可', '技术服务'],
      institution: '示范工业大学',
      region: '杭州',
      askingPriceWan: 120,
      rightsStatus: '赋权确认',
      language: 'zh',
    });
    expect(warnings).toEqual([]);
  });

  it('accepts the minimal line and fills optional fields with null or empty lists', async () => {
    const { record } = await ok<AchievementRecord>(
      validateLine('achievements', line({ id: 'X', title: 'T', summary: 'S' }), 1, resolve),
    );
    expect(record).toMatchObject({
      keywords: [],
      industryCode: null,
      trl: null,
      ipType: null,
      transferModes: [],
      institution: null,
      askingPriceWan: null,
      rightsStatus: null,
    });
  });

  it('reports invalid JSON with the line number', async () => {
    const error = await fails(validateLine('achievements', '{"id": "A1", "title": ', 7, resolve));
    expect(error.line).toBe(7);
    expect(error.reason).toMatch(/^invalid JSON: /);
  });

  it('rejects JSON that is not an object', async () => {
    expect((await fails(validateLine('achievements', '[1,2]', 1, resolve))).reason).toBe(
      'a line must be a JSON object, got an array',
    );
    expect((await fails(validateLine('achievements', 'null', 1, resolve))).reason).toBe(
      'a line must be a JSON object, got null',
    );
  });

  it('names every missing required field', async () => {
    const error = await fails(validateLine('achievements', line({ title: '  ' }), 2, resolve));
    expect(error).toEqual({ line: 2, reason: 'id: is required; title: must not be empty; summary: is required' });
  });

  it.each([0, 10, 6.5, '6'])('rejects trl %p', async (trl) => {
    const error = await fails(validateLine('achievements', line({ ...achievement, trl }), 4, resolve));
    expect(error.reason).toMatch(/^trl: must be an integer from 1 to 9, got /);
  });

  it('accepts trl at both ends of the range', async () => {
    for (const trl of [1, 9]) {
      const { record } = await ok<AchievementRecord>(
        validateLine('achievements', line({ ...achievement, trl }), 1, resolve),
      );
      expect(record.trl).toBe(trl);
    }
  });

  it('treats a null asking price and "面议" as negotiable, and rejects negative or non-numeric prices', async () => {
    for (const price of [null, '面议']) {
      const { record } = await ok<AchievementRecord>(
        validateLine('achievements', line({ ...achievement, askingPriceWan: price }), 1, resolve),
      );
      expect(record.askingPriceWan).toBeNull();
    }
    const zero = await ok<AchievementRecord>(
      validateLine('achievements', line({ ...achievement, askingPriceWan: 0 }), 1, resolve),
    );
    expect(zero.record.askingPriceWan).toBe(0);
    for (const price of [-1, '100万', Number.MAX_VALUE]) {
      const error = await fails(
        validateLine('achievements', line({ ...achievement, askingPriceWan: price }), 1, resolve),
      );
      expect(error.reason).toMatch(/^askingPriceWan: must be a number of 万元/);
    }
  });

  it('checks the Chinese enumerations', async () => {
    const ip = await fails(validateLine('achievements', line({ ...achievement, ipType: 'patent' }), 1, resolve));
    expect(ip.reason).toBe(
      'ipType: must be one of 发明专利, 实用新型, 外观设计, 软件著作权, 集成电路布图设计, 植物新品种, 技术秘密, got "patent"',
    );
    const modes = await fails(
      validateLine('achievements', line({ ...achievement, transferModes: ['许可', '出售'] }), 1, resolve),
    );
    expect(modes.reason).toMatch(
      /^transferModes: must contain only 转让, 许可, 作价入股, 合作开发, 技术服务, got "出售"$/,
    );
    const notArray = await fails(
      validateLine('achievements', line({ ...achievement, transferModes: '许可' }), 1, resolve),
    );
    expect(notArray.reason).toMatch(/^transferModes: must be an array/);
    const rights = await fails(
      validateLine('achievements', line({ ...achievement, rightsStatus: '已授权' }), 1, resolve),
    );
    expect(rights.reason).toBe('rightsStatus: must be one of 赋权确认, 学校所有, 已转化, got "已授权"');
  });

  it('deduplicates list values and trims strings', async () => {
    const { record } = await ok<AchievementRecord>(
      validateLine(
        'achievements',
        line({ ...achievement, title: '  标题  ', keywords: ['a', 'a ', 'b'], transferModes: ['许可', ' 许可'] }),
        1,
        resolve,
      ),
    );
    expect(record.title).toBe('标题');
    expect(record.keywords).toEqual(['a', 'b']);
    expect(record.transferModes).toEqual(['许可']);
  });

  it('ignores unknown fields', async () => {
    const { record, warnings } = await ok<AchievementRecord>(
      validateLine('achievements', line({ ...achievement, colour: 'blue', nested: { a: 1 } }), 1, resolve),
    );
    expect(record.externalId).toBe('A001');
    expect(warnings).toEqual([]);
  });

  it('keeps a record with an unknown industry, without industry, and warns', async () => {
    const { record, warnings } = await ok<AchievementRecord>(
      validateLine('achievements', line({ ...achievement, industry: '元宇宙' }), 1, resolve),
    );
    expect(record.industryCode).toBeNull();
    expect(warnings).toEqual(['industry: unknown industry "元宇宙", imported without an industry']);
  });

  it('enforces string length limits in characters, not UTF-16 units', async () => {
    const error = await fails(
      validateLine('achievements', line({ ...achievement, title: '题'.repeat(301) }), 1, resolve),
    );
    expect(error.reason).toBe('title: at most 300 characters, got 301');
    const emoji = await ok<AchievementRecord>(
      validateLine('achievements', line({ ...achievement, title: '😀'.repeat(300) }), 1, resolve),
    );
    expect([...emoji.record.title]).toHaveLength(300);
    const keyword = await fails(
      validateLine('achievements', line({ ...achievement, keywords: ['k'.repeat(51)] }), 1, resolve),
    );
    expect(keyword.reason).toBe('keywords[0]: at most 50 characters, got 51');
  });

  it('rejects wrong types with the field name', async () => {
    const error = await fails(
      validateLine('achievements', line({ ...achievement, title: 42, keywords: [1] }), 1, resolve),
    );
    expect(error.reason).toBe('title: must be a string, got number 42; keywords[0]: must be a string, got number 1');
  });

  it('keeps integer ids as text', async () => {
    const { record } = await ok<AchievementRecord>(
      validateLine('achievements', line({ ...achievement, id: 17 }), 1, resolve),
    );
    expect(record.externalId).toBe('17');
  });

  it('detects English lines even though their enumerations are Chinese', async () => {
    const english = {
      ...achievement,
      title: 'Delta OTA firmware updates with rollback for constrained devices',
      summary: 'A bsdiff-based update pipeline developed at 钱塘工业大学 that cuts patch size to six percent.',
      industry: 'Artificial Intelligence',
    };
    const { record } = await ok<AchievementRecord>(validateLine('achievements', line(english), 1, resolve));
    expect(record.language).toBe('en');
    expect(record.industryCode).toBe('ai');
  });
});

describe('validateLine: experts and demands', () => {
  it('requires id, name and bio for experts and detects the language from the bio', async () => {
    const error = await fails(validateLine('experts', line({ id: 'E1', name: '王五' }), 5, resolve));
    expect(error).toEqual({ line: 5, reason: 'bio: is required' });
    const { record } = await ok<ExpertRecord>(
      validateLine(
        'experts',
        line({
          id: 'E1',
          name: '王五',
          bio: 'Works on radar detection of small drones and counter-UAV systems.',
          fields: ['雷达'],
        }),
        1,
        resolve,
      ),
    );
    expect(record).toMatchObject({ externalId: 'E1', name: '王五', fields: ['雷达'], title: null, language: 'en' });
  });

  it('requires id and title for demands; description, budget and modes are optional', async () => {
    const error = await fails(validateLine('demands', line({ id: 'D1' }), 9, resolve));
    expect(error).toEqual({ line: 9, reason: 'title: is required' });
    const { record } = await ok<DemandRecord>(
      validateLine('demands', line({ id: 'D1', title: '需要一套粮仓测温方案' }), 1, resolve),
    );
    expect(record).toMatchObject({
      description: null,
      budgetWan: null,
      cooperationModes: [],
      enterprise: null,
      language: 'zh',
    });
  });

  it('validates demand budgets and cooperation modes, and reads the enterprise', async () => {
    const bad = await fails(
      validateLine('demands', line({ id: 'D1', title: 't', budgetWan: -5, cooperationModes: ['买断'] }), 1, resolve),
    );
    expect(bad.reason).toMatch(/^budgetWan: .*; cooperationModes: must contain only/);
    const { record } = await ok<DemandRecord>(
      validateLine(
        'demands',
        line({ id: 'D1', title: 't', budgetWan: 60, cooperationModes: ['技术服务'], institution: '某某科技有限公司' }),
        1,
        resolve,
      ),
    );
    expect(record).toMatchObject({ budgetWan: 60, cooperationModes: ['技术服务'], enterprise: '某某科技有限公司' });
  });
});

describe('validateFile', () => {
  it('numbers lines from 1, skips blank lines and a BOM, and reports repeated ids on the later line', async () => {
    const content = [
      '\uFEFF' + line(achievement),
      '',
      '{oops',
      line({ ...achievement, id: 'A002' }),
      line({ ...achievement, title: '重复的编号' }),
      '   ',
      line({ ...achievement, id: 'A003', trl: 12 }),
      '',
    ].join('\r\n');
    const result = await validateFile('achievements', content, resolve);
    expect(result.records.map((r) => [r.line, r.record.externalId])).toEqual([
      [1, 'A001'],
      [4, 'A002'],
    ]);
    expect(result.errors.map((e) => e.line)).toEqual([3, 5, 7]);
    expect(result.errors[1].reason).toBe('id: duplicate id "A001" (first on line 1)');
    expect(result.errors[2].reason).toBe('trl: must be an integer from 1 to 9, got number 12');
  });
});

describe('detectLanguage', () => {
  it.each([
    ['基于LiDAR点云的桥梁挠度监测', 'zh'],
    ['基于Transformer的缺陷检测', 'zh'],
    ['Fall detection with millimetre-wave radar for elderly care homes', 'en'],
    ['A collaboration with 钱塘工业大学 on delta OTA updates for microcontrollers', 'en'],
    ['2024', 'zh'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('ignores missing parts', () => {
    expect(detectLanguage(null, undefined, 'Hello world')).toBe('en');
  });
});
