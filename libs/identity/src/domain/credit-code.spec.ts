import { creditCodeCheckCharacter, creditCodeProblem, normaliseCreditCode } from './credit-code';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published codes of real organisations (business licences, annual reports).
  const valid: Array<[string, string]> = [
    ['914403001922038216', '华为技术有限公司'],
    ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
    ['91330100716105852F', '阿里巴巴（中国）有限公司'],
    ['91110000802100433B', '北京百度网讯科技有限公司'],
    ['91110108551385082Q', '北京小米科技有限责任公司'],
    ['91350100M000100Y43', 'GB 32100-2015 worked example'],
    ['12100000400000000W', 'a 事业单位 (authority 1, category 2)'],
  ];
  it.each(valid)('accepts %s (%s)', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
  });

  const invalid: Array<[string, string, string]> = [
    ['914403001922038217', 'CHECK_CHARACTER', 'one digit of the check character changed'],
    ['914403001922038261', 'CHECK_CHARACTER', 'two characters swapped'],
    ['91440300708461136U', 'CHECK_CHARACTER', 'the wrong check letter'],
    ['91310000MA1FL3L90M', 'CHECK_CHARACTER', 'a plausible-looking made-up code'],
    ['91440300708461136', 'LENGTH', '17 characters'],
    ['9144030070846113601', 'LENGTH', '19 characters'],
    ['', 'LENGTH', 'empty'],
    ['91440300708461136I', 'CHARACTERS', 'I is not in the alphabet'],
    ['91440300708461136O', 'CHARACTERS', 'O is not in the alphabet'],
    ['9144O300708461136T', 'CHARACTERS', 'a letter in the 6-digit division code'],
    ['91440300 08461136T', 'CHARACTERS', 'a space inside'],
    ['9144030070846113６T', 'CHARACTERS', 'a full-width digit'],
  ];
  it.each(invalid)('refuses %s as %s (%s)', (code, problem) => {
    expect(creditCodeProblem(code)).toBe(problem);
  });

  it('computes the check character, 0 when the sum is a multiple of 31', () => {
    expect(creditCodeCheckCharacter('91440300708461136')).toBe('T');
    expect(creditCodeCheckCharacter('91440300192203821')).toBe('6');
    expect(creditCodeCheckCharacter('00000000000000000')).toBe('0');
    expect(() => creditCodeCheckCharacter('9144')).toThrow();
  });

  it('normalises what people paste: lower case, spaces, hyphens', () => {
    expect(normaliseCreditCode(' 91440300-708461136t ')).toBe('91440300708461136T');
    expect(creditCodeProblem(normaliseCreditCode('9133 0100 7161 0585 2f'))).toBeNull();
  });
});
