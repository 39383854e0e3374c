import { badInput } from '@app/core';
import {
  AchievementLanguage,
  AchievementStatus,
  ImportAchievementInput,
  IP_TYPE_BY_CHINESE,
  TRANSFER_MODE_BY_CHINESE,
  TransferMode,
} from '@app/achievements';
import { CooperationMode, ImportedDemand, parseCooperationMode } from '@app/demands';
import { ImportedExpert } from '@app/experts';
import { AchievementRecord, DemandRecord, ExpertRecord } from './domain/dataset-records';

/** Modes a first deal does not use up: a commercialised result can still be offered by these. */
const NON_EXCLUSIVE_MODES: readonly TransferMode[] = [
  TransferMode.LICENSE,
  TransferMode.TECHNICAL_SERVICE,
  TransferMode.JOINT_DEVELOPMENT,
];

/** Amounts are stored with 2 decimals: rounding first keeps a re-import from counting as a change. */
const wan = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/**
 * A dataset achievement for AchievementsService.importListedAchievement. The file is a catalogue of results whose
 * rights were settled outside the platform, so 赋权确认 (rights confirmed to the team), 学校所有 (the institution
 * keeps them) and an absent rightsStatus all enter LISTED (RIGHTS_CONFIRMED, then listed, in one step).
 * 已转化 (already commercialised) says the result is in use somewhere, not that nothing is left to offer: one that
 * still offers a non-exclusive mode (licence, technical service, joint development) stays LISTED for further
 * licensees; one offered only by assignment or equity (both used up by the first deal) enters TRANSFERRED.
 */
export function achievementImport(record: AchievementRecord, institutionId: string): ImportAchievementInput {
  const modes = record.transferModes.map((mode) => TRANSFER_MODE_BY_CHINESE[mode]);
  return {
    institutionId,
    externalId: record.externalId,
    title: record.title,
    summary: record.summary,
    keywords: record.keywords,
    industryCode: record.industryCode,
    trl: record.trl,
    ipType: record.ipType === null ? null : IP_TYPE_BY_CHINESE[record.ipType],
    transferModes: modes,
    askingPriceWan: wan(record.askingPriceWan),
    region: record.region,
    language: record.language === 'en' ? AchievementLanguage.en : AchievementLanguage.zh,
    institutionOwned: record.rightsStatus === '学校所有',
    status:
      record.rightsStatus === '已转化' && !modes.some((mode) => NON_EXCLUSIVE_MODES.includes(mode))
        ? AchievementStatus.TRANSFERRED
        : AchievementStatus.LISTED,
  };
}

/** A dataset expert for ExpertsService.importExpert: `fields` are research fields; the profile's language is detected. */
export function expertImport(record: ExpertRecord): ImportedExpert {
  return {
    externalId: record.externalId,
    name: record.name,
    bio: record.bio,
    title: record.title,
    researchFields: record.fields,
    languages: [record.language],
    region: record.region,
  };
}

/**
 * A dataset demand for DemandsService.importDemand. The format has one budget figure: it becomes both ends of the
 * range. A demand without a description is summarised by its title (the demands lib requires a summary). Demands
 * must have an industry in the domain, so a line whose industry is missing or unknown is refused (and skipped).
 */
export function demandImport(record: DemandRecord): ImportedDemand {
  if (record.industryCode === null) {
    throw badInput('industry: a demand needs a known industry (missing or not in the taxonomy)', { field: 'industry' });
  }
  return {
    externalId: record.externalId,
    title: record.title,
    summary: record.description ?? record.title,
    industry: record.industryCode,
    budgetMinWan: wan(record.budgetWan),
    budgetMaxWan: wan(record.budgetWan),
    cooperationModes: record.cooperationModes.map((mode) => parseCooperationMode(mode) as CooperationMode),
    region: record.region,
  };
}
