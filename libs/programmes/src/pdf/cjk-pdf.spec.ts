import { CjkPdf, fontRuns } from './cjk-pdf';
import { extractPdfText } from '@app/testing';

describe('CjkPdf', () => {
  it('renders Chinese and Latin text that reads back from the PDF', async () => {
    const pdf = await new CjkPdf({ title: '2026 年度新型研发机构绩效评价' })
      .title('2026 年度新型研发机构绩效评价结果')
      .keyValues([
        ['机构', '明湖智能制造研究院（Minghu Institute）'],
        ['得分', 87.5],
      ])
      .table(
        [
          { header: '排名', width: 1 },
          { header: '机构名称', width: 4 },
          { header: '等级', width: 1 },
        ],
        [
          [1, '低空经济产业创新研究院', '优秀'],
          [2, '明湖智能制造研究院', '良好'],
        ],
      )
      .toBuffer();
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await extractPdfText(pdf)).join('\n');
    expect(text).toContain('2026 年度新型研发机构绩效评价结果');
    expect(text).toContain('明湖智能制造研究院（Minghu Institute）');
    expect(text).toContain('低空经济产业创新研究院');
    expect(text).toContain('优秀');
    // Subset fonts: far smaller than the 1.5 MB font file.
    expect(pdf.length).toBeLessThan(200_000);
  });

  it('cuts text into runs of one font each, keeping spaces with the run before', () => {
    const text = '评价 Report 2026：优秀 № ɐ';
    const runs = fontRuns(text);
    expect(runs.map((run) => run.text).join('')).toBe(text);
    expect(runs[0].face).toBe('noto-chinese-simplified');
    // № and ɐ are in none of the two main files: the stylesheet's unicode-range subsets have them.
    expect(runs.slice(1).map((run) => [run.face, run.text.trim()])).toEqual([
      ['noto-sans-sc-90-400-normal', '№'],
      ['noto-sans-sc-98-400-normal', 'ɐ'],
    ]);
  });
});
