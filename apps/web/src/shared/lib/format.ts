import type { TFunction } from 'i18next';

/** 万元 amounts as people read them ("120 万元", "120 × 10k CNY"); no amount is "negotiable". */
export function formatWan(t: TFunction, value: number | null | undefined): string {
  if (value === null || value === undefined) return t('common.negotiable');
  return t('common.wan', { value: Number.isInteger(value) ? value : value.toFixed(1) });
}

export function formatRange(t: TFunction, min: number | null | undefined, max: number | null | undefined): string {
  if (min == null && max == null) return t('common.negotiable');
  if (min != null && max != null && min !== max) return `${min}–${formatWan(t, max)}`;
  return formatWan(t, max ?? min);
}

export function industryName(
  language: string,
  industry: { nameZh: string; nameEn: string } | null | undefined,
): string {
  if (!industry) return '';
  return language === 'en' ? industry.nameEn : industry.nameZh;
}

export function formatDate(value: string | null | undefined, language: string): string {
  if (!value) return '';
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium' }).format(
    new Date(value),
  );
}

/**
 * A match's stored score is a calibrated probability of relevance (comparable across demands), so it reads as a
 * percentage: "78%", never a raw 0.78 or an unbounded number.
 */
export function formatRelevance(score: number): string {
  const bounded = Math.min(Math.max(Number.isFinite(score) ? score : 0, 0), 1);
  return `${Math.round(bounded * 100)}%`;
}
