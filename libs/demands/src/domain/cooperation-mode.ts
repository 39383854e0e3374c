/** How an enterprise accepts to cooperate (the Chinese terms are what catalogues and users write). */
export enum CooperationMode {
  TRANSFER = 'TRANSFER',
  LICENSE = 'LICENSE',
  EQUITY = 'EQUITY',
  JOINT_DEVELOPMENT = 'JOINT_DEVELOPMENT',
  TECHNICAL_SERVICE = 'TECHNICAL_SERVICE',
}

export const COOPERATION_MODE_ZH: { readonly [M in CooperationMode]: string } = {
  [CooperationMode.TRANSFER]: '转让',
  [CooperationMode.LICENSE]: '许可',
  [CooperationMode.EQUITY]: '作价入股',
  [CooperationMode.JOINT_DEVELOPMENT]: '合作开发',
  [CooperationMode.TECHNICAL_SERVICE]: '技术服务',
};

/** Maps an enum value or its Chinese term (as in catalogues) to a mode; null when unknown. */
export function parseCooperationMode(text: string): CooperationMode | null {
  const wanted = text.trim();
  for (const mode of Object.values(CooperationMode)) {
    if (String(mode) === wanted.toUpperCase() || COOPERATION_MODE_ZH[mode] === wanted) return mode;
  }
  return null;
}

/** Budget range sanity: both optional, non-negative, min not above max. Returns the problem or null. */
export function budgetProblem(min: number | null, max: number | null): string | null {
  if ((min !== null && min < 0) || (max !== null && max < 0)) return 'budget must not be negative';
  if (min !== null && max !== null && min > max) return 'budgetMinWan must not exceed budgetMaxWan';
  return null;
}
