/**
 * A match's stored explanation (libs/matching) as sentences people read. The API keeps structured factors with
 * an English note for operators; the team reads them in the achievement's own language, built from the factor's
 * name and direction and the demand's terms, never from the note.
 */
export interface ExplanationInput {
  coverage: number;
  missingTerms: readonly string[];
  matchedTerms: ReadonlyArray<{ term: string; via?: string | null; fields: readonly string[] }>;
  factors: ReadonlyArray<{ factor: string; effect: number }>;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const KNOWN_FACTORS = ['industry', 'trl', 'transferMode', 'budget', 'rights', 'freshness', 'indicator'];

/** The UI language for an achievement's language (`zh` / `en`). */
export function uiLanguageOf(achievementLanguage: string | null | undefined): 'zh-CN' | 'en' {
  return achievementLanguage === 'en' ? 'en' : 'zh-CN';
}

/** Reasons first for what raised the match, then what lowered it; terms joined in the language's own way. */
export function explainMatch(explanation: ExplanationInput, t: Translate): { raised: string[]; lowered: string[] } {
  const separator = t('researcher.matches.termSeparator');
  const raised: string[] = [];
  const lowered: string[] = [];
  if (explanation.matchedTerms.length > 0) {
    raised.push(
      t('researcher.matches.reasons.matchedTerms', {
        terms: explanation.matchedTerms
          .map((term) => (term.via ? t('researcher.matches.via', { term: term.term, via: term.via }) : term.term))
          .join(separator),
        percent: Math.round(explanation.coverage * 100),
      }),
    );
  }
  for (const factor of explanation.factors) {
    if (!KNOWN_FACTORS.includes(factor.factor) || factor.effect === 0) continue;
    const direction = factor.effect > 0 ? 'up' : 'down';
    const lines = factor.effect > 0 ? raised : lowered;
    const line = t(`researcher.matches.reasons.${factor.factor}.${direction}`);
    // One line per kind: a demand with three indicators the achievement meets reads once.
    if (!lines.includes(line)) lines.push(line);
  }
  if (explanation.missingTerms.length > 0) {
    lowered.push(t('researcher.matches.reasons.missingTerms', { terms: explanation.missingTerms.join(separator) }));
  }
  return { raised, lowered };
}
