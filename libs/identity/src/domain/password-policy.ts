/** Returns the reasons a password is unacceptable (empty when it is fine). Length beats composition rules. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if ([...password].length < 10) problems.push('must be at least 10 characters');
  if ([...password].length > 200) problems.push('must be at most 200 characters');
  if (/^(.)\1*$/u.test(password)) problems.push('must not repeat one character');
  return problems;
}
