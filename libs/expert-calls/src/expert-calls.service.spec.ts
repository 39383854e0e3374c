import { markedWords, proposalQuery } from './expert-calls.service';

describe('proposal helpers', () => {
  it('reads the matched words out of highlighted snippets, unescaped and once each', () => {
    expect(
      markedWords([
        '长期从事<mark>无人机</mark>与<mark>导航</mark>研究',
        '<mark>导航</mark> &amp; <mark>R&amp;D</mark>',
      ]),
    ).toEqual(['无人机', '导航', 'R&D']);
    expect(markedWords(['no match here'])).toEqual([]);
  });

  it('searches with the key words first, then the title and the question, within 200 characters', () => {
    expect(proposalQuery({ keywords: ['无人机', '导航'], title: '安全评估', question: '请提出\n建议' })).toBe(
      '无人机 导航 安全评估 请提出 建议',
    );
    expect(proposalQuery({ keywords: [], title: 't', question: 'x'.repeat(500) })).toHaveLength(200);
  });
});
