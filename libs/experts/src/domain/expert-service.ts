/** What an expert offers (the Chinese terms are what catalogues and users write). */
export enum ExpertService {
  CONSULTING = 'CONSULTING',
  PART_TIME = 'PART_TIME',
  LECTURING = 'LECTURING',
  JOINT_RD = 'JOINT_RD',
  TECHNICAL_SERVICE = 'TECHNICAL_SERVICE',
}

export const EXPERT_SERVICE_ZH: { readonly [S in ExpertService]: string } = {
  [ExpertService.CONSULTING]: '咨询',
  [ExpertService.PART_TIME]: '兼职',
  [ExpertService.LECTURING]: '讲学',
  [ExpertService.JOINT_RD]: '联合研发',
  [ExpertService.TECHNICAL_SERVICE]: '技术服务',
};

export enum ExpertVisibility {
  /** Anyone, signed in or not. */
  PUBLIC = 'PUBLIC',
  /** Signed-in platform members only. */
  MEMBERS_ONLY = 'MEMBERS_ONLY',
}

/** Maps an enum value or its Chinese term to a service; null when unknown. */
export function parseExpertService(text: string): ExpertService | null {
  const wanted = text.trim();
  for (const service of Object.values(ExpertService)) {
    if (String(service) === wanted.toUpperCase() || EXPERT_SERVICE_ZH[service] === wanted) return service;
  }
  return null;
}

/** Trims, drops blanks and duplicates (case-insensitively), keeping the first spelling and the order. */
export function cleanTerms(terms: readonly string[] | null | undefined): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const raw of terms ?? []) {
    const term = raw.trim();
    const key = term.toLowerCase();
    if (!term || seen.has(key)) continue;
    seen.add(key);
    result.push(term);
  }
  return result;
}

/** Whether anyone (signed in or not) may see the profile: what search may index for the public. */
export function isExpertPublic(expert: { listed: boolean; visibility: ExpertVisibility }): boolean {
  return expert.listed && expert.visibility === ExpertVisibility.PUBLIC;
}
