export const MIN_PASSWORD_LENGTH = 10;

/** Returns the reasons a password is unacceptable (empty when it is fine). Length beats composition rules. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  if ([...password].length > 200) problems.push('must be at most 200 characters');
  if (/^(.)\1*$/u.test(password)) problems.push('must not repeat one character');
  return problems;
}
