/**
 * The dataset format of ../shared/eval/README.md (achievements.jsonl, experts.jsonl, demands.jsonl), as typed
 * records. Enumerated values stay the Chinese words of the format; the import service maps them to the domain
 * libs' enums.
 */

export type DatasetFile = 'achievements' | 'experts' | 'demands';

export const DATASET_FILES: readonly DatasetFile[] = ['achievements', 'experts', 'demands'];

export function datasetFileName(file: DatasetFile): string {
  return `${file}.jsonl`;
}

/** The full list; the eval README uses a subset of it. */
export const IP_TYPES = [
  '发明专利',
  '实用新型',
  '外观设计',
  '软件著作权',
  '集成电路布图设计',
  '植物新品种',
  '技术秘密',
] as const;
export type DatasetIpType = (typeof IP_TYPES)[number];

export const TRANSFER_MODES = ['转让', '许可', '作价入股', '合作开发', '技术服务'] as const;
export type DatasetTransferMode = (typeof TRANSFER_MODES)[number];

/** Demands accept the same five modes as achievements offer. */
export const COOPERATION_MODES = TRANSFER_MODES;
export type DatasetCooperationMode = DatasetTransferMode;

export const RIGHTS_STATUSES = ['赋权确认', '学校所有', '已转化'] as const;
export type DatasetRightsStatus = (typeof RIGHTS_STATUSES)[number];

export type DatasetLanguage = 'zh' | 'en';

export interface AchievementRecord {
  externalId: string;
  title: string;
  summary: string;
  keywords: string[];
  /** Taxonomy code, or null when absent or unknown (unknown ones also produce a warning). */
  industryCode: string | null;
  trl: number | null;
  ipType: DatasetIpType | null;
  transferModes: DatasetTransferMode[];
  institution: string | null;
  region: string | null;
  /** null = 面议 (negotiable); an absent price is treated the same way. */
  askingPriceWan: number | null;
  /** null when absent: the importer treats such a line as a listed result (the file is a catalogue of listings). */
  rightsStatus: DatasetRightsStatus | null;
  language: DatasetLanguage;
}

export interface ExpertRecord {
  externalId: string;
  name: string;
  bio: string;
  title: string | null;
  institution: string | null;
  fields: string[];
  region: string | null;
  language: DatasetLanguage;
}

export interface DemandRecord {
  externalId: string;
  title: string;
  description: string | null;
  industryCode: string | null;
  budgetWan: number | null;
  region: string | null;
  cooperationModes: DatasetCooperationMode[];
  /** The enterprise posting it: the `enterprise` field, or `institution` as an alias; null = the set's default. */
  enterprise: string | null;
  language: DatasetLanguage;
}

export interface DatasetRecords {
  achievements: AchievementRecord;
  experts: ExpertRecord;
  demands: DemandRecord;
}

/** A line that was skipped. `line` is 1-based, as editors show it. */
export interface LineError {
  line: number;
  reason: string;
}

/** A line that was imported, with something the importer had to drop (e.g. an unknown industry). */
export type LineWarning = LineError;

export interface ValidatedLine<R> {
  line: number;
  record: R;
  warnings: string[];
}

export interface ValidatedFile<R> {
  records: ValidatedLine<R>[];
  errors: LineError[];
}
