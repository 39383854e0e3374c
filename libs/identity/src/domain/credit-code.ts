/**
 * 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015): 18 characters —
 * registration authority (1), organisation category (1), administrative division (6 digits),
 * organisation code (9, GB 11714) and a check character computed over the first 17.
 */

/** The 31 characters a code may use (GB 32100-2015 excludes I, O, S, V and Z); their index is their value. */
export const CREDIT_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** Upper-cased, without spaces or hyphens (as people copy it from a licence). */
export function normaliseCreditCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** The check character of the first 17 characters (which must use the code's alphabet). */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new Error('The check character is computed over 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARACTERS.indexOf(first17[i]);
    if (value < 0) throw new Error(`"${first17[i]}" is not a character of a credit code`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_CHARACTERS[(31 - (sum % 31)) % 31];
}

export type CreditCodeProblem = 'LENGTH' | 'CHARACTERS' | 'CHECK_CHARACTER';

/** Why a (normalised) code is not a valid 统一社会信用代码, or null when it is. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'LENGTH';
  if (!SHAPE.test(code)) return 'CHARACTERS';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'CHECK_CHARACTER';
}
