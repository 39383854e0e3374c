import { addLatinWords, CorpusStatsBuilder, wordsWithPrefix } from './corpus-stats';
import { generalSpecificity } from './general-rarity';
import { createLexicon } from './lexicon';
import { MatchDocument, MatchTargetType } from './match-document';
import { buildMatchQuery, meilisearchQueriesOf, occursInCorpus, WORDS_PER_ENGLISH_TERM } from './match-query';
import { DEFAULT_MATCHING_CONFIG } from './matching-config';
import { analyze } from './text-analysis';

const achievement = (id: string, title: string, summary: string): MatchDocument => ({
  type: MatchTargetType.ACHIEVEMENT,
  id,
  fields: { title, keywords: '', summary },
});

const docs = [
  achievement(
    'edge',
    '弱连接条件下的边缘节点自治与容器编排',
    '断网期间应用本地运行，节点内存占用约70MB，支持灰度发布与回滚。',
  ),
  achievement('ocr', '发票智能识别与结构化抽取', '多个版本的票据模板，识别数据准确率高。'),
  achievement('db', '异构数据库迁移工具', '数据一致性校验，支持多个数据源。'),
];
const stats = docs.reduce((b, d) => b.add(d), new CorpusStatsBuilder()).build();
const lexicon = createLexicon([['容器编排', 'container orchestration']]);

describe('demand queries', () => {
  it('tells whether any document may contain a term', () => {
    expect(occursInCorpus(stats, '断网', analyze('断网'))).toBe(true);
    expect(occursInCorpus(stats, '店里', analyze('店里'))).toBe(false);
    // Statistics read before anything was indexed rule nothing out.
    expect(occursInCorpus(new CorpusStatsBuilder().build(), '断网', analyze('断网'))).toBe(true);
  });

  it('never spends a search on a word no document contains, however rare that makes it', () => {
    const demand = {
      id: 'd',
      title: '门店里的小主机断网后业务中断',
      description: '希望断网时照常运行，内存占用要小。',
    };
    const query = buildMatchQuery(demand, stats, lexicon, DEFAULT_MATCHING_CONFIG);
    expect(query.searchQueries).toContain('断网');
    for (const term of query.keyTerms) expect(occursInCorpus(stats, term.term, term.tokens)).toBe(true);
    expect(query.searchQueries.some((text) => text.includes('店里'))).toBe(false);
  });

  it('weighs words common in Chinese at large below specialised ones of the same corpus rarity', () => {
    expect(generalSpecificity('数据')).toBeLessThan(generalSpecificity('文件系统'));
    expect(generalSpecificity('多个')).toBeLessThan(0.6);
    expect(generalSpecificity('一个jieba从未见过的词')).toBe(1);
    expect(generalSpecificity('container')).toBe(1);
    // In this catalogue 多个 is in one listing and 断网 in two: by corpus rarity alone 多个 would lead.
    const catalogue = [
      achievement('a', '边缘节点自治', '断网期间本地运行。'),
      achievement('b', '路侧单元', '断网后缓存数据。'),
      achievement('c', '票据识别', '支持多个模板。'),
      achievement('d', '防腐涂料', '钢结构桥梁。'),
      achievement('e', '锂电池电解液', '低温放电。'),
    ];
    const catalogueStats = catalogue.reduce((b, d) => b.add(d), new CorpusStatsBuilder()).build();
    const demand = { id: 'd', title: '多个站点断网', description: '' };
    const query = buildMatchQuery(demand, catalogueStats, lexicon, DEFAULT_MATCHING_CONFIG);
    const weight = (term: string) => query.keyTerms.find((t) => t.term === term)?.weight ?? 0;
    expect(weight('多个')).toBeGreaterThan(0);
    expect(weight('断网')).toBeGreaterThan(weight('多个'));
  });

  describe('as Meilisearch queries', () => {
    const english = [
      achievement(
        'b1',
        'Battery electrolyte for cold climates',
        'Batteries lose capacity; the battery additive helps.',
      ),
      achievement('b2', 'Batteries for drones', 'Battery packs, battered by vibration.'),
      achievement('b3', 'Butter processing', 'A dairy line.'),
      achievement('l1', 'Lidar mapping', 'lidars at 905 nm'),
    ];
    const englishStats = english.reduce((b, d) => b.add(d), new CorpusStatsBuilder()).build();

    it('sends Chinese terms and multi-word terms as phrases (no prefix, typo or synonym derivations)', () => {
      expect(meilisearchQueriesOf('断网', stats)).toEqual(['"断网"']);
      expect(meilisearchQueriesOf('Machine  Vision', stats)).toEqual(['"machine  vision"']);
      // A quotation mark in the term cannot end the phrase early.
      expect(meilisearchQueriesOf('低温"电池', stats)).toEqual(['"低温 电池"']);
    });

    it('searches an English word as itself and the commonest corpus words sharing its prefix-safe form', () => {
      // "batteri" → prefix "batter": battery (2 documents), batteries (2), battered (1); never the typo "butter".
      const queries = meilisearchQueriesOf('battery', englishStats);
      expect(queries[0]).toBe('"battery"');
      expect(queries).toHaveLength(WORDS_PER_ENGLISH_TERM);
      expect(queries).toEqual(['"battery"', '"batteries"', '"battered"']);
      expect(queries).not.toContain('"butter"');
      // A word the corpus lacks is searched through its completions; one nothing completes falls back to the
      // bare prefix-safe form, which Meilisearch matches as a prefix.
      expect(meilisearchQueriesOf('lidar', englishStats)).toEqual(['"lidar"', '"lidars"']);
      expect(meilisearchQueriesOf('hydrogenation', englishStats)).toEqual(['hydrogen']);
    });

    it('finds words of a listing indexed after the statistics were read', () => {
      const later = new CorpusStatsBuilder().add(english[0]).build();
      expect(wordsWithPrefix(later, 'drone', 3)).toEqual([]);
      addLatinWords(later, ['drones', 'drone', 'drones']);
      expect(later.latinWords.df).toMatchObject({ drones: 2, drone: 1 });
      expect(wordsWithPrefix(later, 'drone', 3)).toEqual(['drones', 'drone']);
      expect(later.latinWords.sorted).toEqual([...later.latinWords.sorted].sort());
    });

    it('gives every search term of a demand its queries', () => {
      const demand = { id: 'd', title: 'Cold battery', description: 'Our batteries fail in winter.' };
      const query = buildMatchQuery(demand, englishStats, lexicon, DEFAULT_MATCHING_CONFIG);
      const battery = query.searchTerms.find((term) => term.text === 'batter');
      expect(battery?.queries).toEqual(['"battery"', '"batteries"', '"battered"']);
      for (const term of query.searchTerms) expect(term.queries.length).toBeGreaterThan(0);
    });
  });
});
