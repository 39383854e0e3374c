import { passwordProblems } from './password-policy';

describe('passwordProblems', () => {
  it('accepts a long passphrase in any script', () => {
    expect(passwordProblems('correct horse battery')).toEqual([]);
    expect(passwordProblems('科技成果转化平台密码安全')).toEqual([]);
  });

  it('rejects short, overlong and single-character passwords', () => {
    expect(passwordProblems('short')).toEqual(['must be at least 10 characters']);
    expect(passwordProblems('x'.repeat(201))).toContain('must be at most 200 characters');
    expect(passwordProblems('aaaaaaaaaaaa')).toEqual(['must not repeat one character']);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblems('密码密码密码密码密')).toEqual(['must be at least 10 characters']);
  });
});
