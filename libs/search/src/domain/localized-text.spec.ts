import { detectLanguage, localizedFields, localizedFieldsOf } from './localized-text';

describe('localized text fields', () => {
  it('detects Chinese even with embedded Latin acronyms, and English otherwise', () => {
    expect(detectLanguage('基于AI的无人机巡检系统')).toBe('zh');
    expect(detectLanguage('5G 通信模组')).toBe('zh');
    expect(detectLanguage('Drone inspection system for power lines')).toBe('en');
    expect(detectLanguage('A long English abstract mentioning 锂 once in passing for chemistry')).toBe('en');
    expect(detectLanguage('Transformer 模型压缩')).toBe('zh');
  });

  it('puts text in a field named for its language, trusting the declaration only when the script agrees', () => {
    expect(localizedFields('title', '无人机', 'zh')).toEqual({ title_zh: '无人机' });
    expect(localizedFields('title', 'Drone', 'zh')).toEqual({ title_en: 'Drone' });
    expect(localizedFields('title', '无人机', 'en')).toEqual({ title_zh: '无人机' });
    expect(localizedFields('title', '   ', 'zh')).toEqual({});
    expect(localizedFields('title', null)).toEqual({});
  });

  it('merges several texts of one role by language', () => {
    expect(localizedFieldsOf('title', ['锂电池', 'Lithium battery', null, '电池管理'])).toEqual({
      title_zh: '锂电池\n电池管理',
      title_en: 'Lithium battery',
    });
  });
});
