import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ACHIEVEMENT_ACCESS_COLUMNS,
  ACHIEVEMENT_FIELD_COLUMNS,
  AchievementEntity,
  AchievementInventorEntity,
  AchievementObject,
  AchievementStatus,
  canView,
} from '@app/achievements';
import { FieldColumnMap, selectColumns } from '@app/core';
import { Actor, OrganisationEntity } from '@app/identity';
import { IndustryEntity } from '@app/taxonomy';
import { Any, DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { BaseSearchDocument, SearchKind } from '../domain/index-definitions';
import { kindSearchResolvers } from '../graphql/search.resolver';
import { SearchDocumentSource } from '../search-document-source';
import { clean, distinct, languageOf, localized, millis } from './document-helpers';

/** LISTED achievements, public fields only: the detailed description, attachments and conversion plan stay out. */
@Injectable()
export class AchievementSearchSource implements SearchDocumentSource<AchievementEntity> {
  readonly kind = SearchKind.ACHIEVEMENT;

  /** The id and what the LISTED check and canView read are loaded whatever the query selects. */
  private readonly fieldColumns: FieldColumnMap<AchievementEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.fieldColumns = FieldColumnMap.of(dataSource, AchievementEntity, ACHIEVEMENT_FIELD_COLUMNS, [
      'id',
      ...ACHIEVEMENT_ACCESS_COLUMNS,
    ]);
  }

  async documents(manager: EntityManager, ids: readonly string[]): Promise<BaseSearchDocument[]> {
    const rows = await manager.find(AchievementEntity, {
      where: { id: In([...ids]), status: AchievementStatus.LISTED },
    });
    if (rows.length === 0) return [];
    const listedIds = rows.map((row) => row.id);
    // One after the other: inside the drainer's transaction they share one connection.
    const inventors = await manager.find(AchievementInventorEntity, {
      where: { achievementId: In(listedIds) },
      order: { position: 'ASC', id: 'ASC' },
    });
    const organisations = await manager.findBy(OrganisationEntity, {
      id: In([...new Set(rows.map((row) => row.institutionId))]),
    });
    const industries = await manager.findBy(IndustryEntity, {
      code: In(distinct(rows.map((row) => row.industryCode))),
    });
    const inventorNames = new Map<string, string[]>();
    for (const inventor of inventors)
      inventorNames.set(inventor.achievementId, [...(inventorNames.get(inventor.achievementId) ?? []), inventor.name]);
    const institutionName = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
    const industryByCode = new Map(industries.map((industry) => [industry.code, industry]));
    return rows.map((achievement) => {
      const industry = achievement.industryCode ? industryByCode.get(achievement.industryCode) : undefined;
      return toDocument(achievement, {
        inventors: inventorNames.get(achievement.id) ?? [],
        institutionName: institutionName.get(achievement.institutionId) ?? null,
        industryNames: distinct([industry?.nameZh, industry?.nameEn]),
      });
    });
  }

  async searchableIds(manager: EntityManager, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await manager.find(AchievementEntity, {
      select: { id: true },
      where: { status: AchievementStatus.LISTED, ...(afterId ? { id: MoreThan(afterId) } : {}) },
      order: { id: 'ASC' },
      take: limit,
    });
    return rows.map((row) => row.id);
  }

  columnsFor(fields: ReadonlySet<string>): string[] | undefined {
    return this.fieldColumns.forFields(fields);
  }

  async visibleToViewer(
    ids: readonly string[],
    actor: Actor | undefined,
    columns?: readonly string[],
  ): Promise<Map<string, AchievementEntity>> {
    // By primary key only (the status is checked here): one index lookup per hit, whatever the statistics say.
    const rows = await this.dataSource.getRepository(AchievementEntity).find({
      where: { id: Any([...ids]) },
      select: selectColumns(this.fieldColumns.complete(columns)),
    });
    // Listed achievements are public (canView needs no inventors for them); one unlisted since indexing is dropped.
    return new Map(
      rows
        .filter((row) => row.status === AchievementStatus.LISTED && canView(actor, row, []))
        .map((row) => [row.id, row]),
    );
  }
}

export function toDocument(
  achievement: AchievementEntity,
  related: { inventors: string[]; institutionName: string | null; industryNames: string[] },
): BaseSearchDocument {
  const language = languageOf(achievement.language, achievement.title);
  return {
    id: achievement.id,
    version: achievement.updatedAt.getTime(),
    updatedAt: achievement.updatedAt.getTime(),
    listedAt: millis(achievement.listedAt ?? achievement.updatedAt),
    language,
    ...localized('title', [achievement.title], language),
    ...localized('summary', [achievement.summary], language),
    keywords: distinct(achievement.keywords),
    patentNumbers: distinct(achievement.ipRegistrationNumbers),
    inventors: distinct(related.inventors),
    institutionId: achievement.institutionId,
    institutionName: clean(related.institutionName),
    industryCodes: achievement.industryCode ? [achievement.industryCode] : [],
    industryNames: related.industryNames,
    trl: achievement.trl,
    ipTypes: achievement.ipType ? [achievement.ipType] : [],
    transferModes: achievement.transferModes,
    region: clean(achievement.region),
    price: achievement.askingPriceWan,
  };
}

export const achievementSearchResolvers = kindSearchResolvers({
  kind: SearchKind.ACHIEVEMENT,
  node: AchievementObject,
  typeName: 'Achievement',
  query: 'searchAchievements',
  hitField: 'achievement',
});
