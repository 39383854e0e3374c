/** How a pair's target is named on the broker's screens (an expert by name, an achievement by title). */
export function targetTitle(
  pair: { achievement?: { title: string } | null; expert?: { name: string } | null } | null | undefined,
  expertLabel: (name: string) => string,
): string {
  if (pair?.achievement) return pair.achievement.title;
  if (pair?.expert) return expertLabel(pair.expert.name);
  return '—';
}
