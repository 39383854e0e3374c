import type { DatasetLanguage } from './dataset-records';

const HAN = /\p{Script=Han}/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

/**
 * zh or en, by script. A Han character carries roughly what a short English word does, so Han characters are
 * weighted against Latin letters: Chinese text with embedded terms ("基于LiDAR的点云分割") stays zh, and English
 * text naming a Chinese institution stays en. Text with neither script defaults to zh, the platform's language.
 */
export function detectLanguage(...texts: ReadonlyArray<string | null | undefined>): DatasetLanguage {
  const text = texts.filter((t): t is string => typeof t === 'string').join('\n');
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (han === 0 && latin === 0) return 'zh';
  return han * HAN_WEIGHT >= latin ? 'zh' : 'en';
}

const HAN_WEIGHT = 3;
