interface WithObjections {
  objections: ReadonlyArray<{ resolvedAt?: unknown }>;
}

/** Open objections (not resolved yet) across the given achievements. */
export function openObjections(achievements: ReadonlyArray<WithObjections>): number {
  return achievements.reduce(
    (sum, achievement) => sum + achievement.objections.filter((objection) => !objection.resolvedAt).length,
    0,
  );
}

/** The proposed split as the evidence panel shows it: inventors' shares must sum to 100. */
export function sharesTotal(inventors: ReadonlyArray<{ contributionShare: number }>): number {
  return Math.round(inventors.reduce((sum, inventor) => sum + inventor.contributionShare, 0) * 100) / 100;
}
