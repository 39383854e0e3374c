/** What the engine ranks: an achievement or an expert, as the search index holds it. */
export enum MatchTargetType {
  ACHIEVEMENT = 'ACHIEVEMENT',
  EXPERT = 'EXPERT',
}

export interface MatchDocument {
  type: MatchTargetType;
  id: string;
  /** Text fields by name (achievement: title, keywords, summary; expert: fields, bio …), weighted by the config. */
  fields: Record<string, string>;
  /** Industry codes of the target. */
  industries?: readonly string[] | null;
  trl?: number | null;
  transferModes?: readonly string[] | null;
  askingPriceWan?: number | null;
  rightsStatus?: string | null;
  /** ISO date of the last change, for freshness. */
  updatedAt?: string | null;
}

/** The enterprise's need, as written. */
export interface MatchDemand {
  id: string;
  title: string;
  description?: string | null;
  /** Industry code the enterprise chose. */
  industry?: string | null;
  budgetWan?: number | null;
  cooperationModes?: readonly string[] | null;
  /** Structured technical indicators (name, current and target as written: "≥ 500 Wh/kg"). */
  indicators?: ReadonlyArray<{
    name: string;
    current?: string | null;
    target: string;
    mustHave?: boolean | null;
  }> | null;
}
