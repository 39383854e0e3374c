import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldColumnMap } from '@app/core';
import {
  EXPERT_ACCESS_COLUMNS,
  EXPERT_FIELD_COLUMNS,
  ExpertEntity,
  ExpertObject,
  ExpertsService,
  ExpertVisibility,
} from '@app/experts';
import { Actor, OrganisationEntity } from '@app/identity';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { BaseSearchDocument, SearchKind } from '../domain/index-definitions';
import { kindSearchResolvers } from '../graphql/search.resolver';
import { SearchDocumentSource } from '../search-document-source';
import { clean, distinct, languageOf, localized } from './document-helpers';

const SEARCHABLE = { listed: true, visibility: ExpertVisibility.PUBLIC };

/** Listed, PUBLIC expert profiles; contact details never reach the index, members-only profiles not at all. */
@Injectable()
export class ExpertSearchSource implements SearchDocumentSource<ExpertEntity> {
  readonly kind = SearchKind.EXPERT;

  /** What the searchable check and canView read (EXPERT_ACCESS_COLUMNS) are loaded whatever the query selects. */
  private readonly fieldColumns: FieldColumnMap<ExpertEntity>;

  constructor(
    private readonly experts: ExpertsService,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.fieldColumns = FieldColumnMap.of(dataSource, ExpertEntity, EXPERT_FIELD_COLUMNS, EXPERT_ACCESS_COLUMNS);
  }

  async documents(manager: EntityManager, ids: readonly string[]): Promise<BaseSearchDocument[]> {
    const rows = await manager.find(ExpertEntity, { where: { id: In([...ids]), ...SEARCHABLE } });
    if (rows.length === 0) return [];
    const organisations = await manager.findBy(OrganisationEntity, {
      id: In([...new Set(rows.map((row) => row.organisationId))]),
    });
    const institutionName = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
    return rows.map((expert) => toDocument(expert, institutionName.get(expert.organisationId) ?? null));
  }

  async searchableIds(manager: EntityManager, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await manager.find(ExpertEntity, {
      select: { id: true },
      where: { ...SEARCHABLE, ...(afterId ? { id: MoreThan(afterId) } : {}) },
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
  ): Promise<Map<string, ExpertEntity>> {
    const rows = await this.experts.expertsByIds(ids, this.fieldColumns.complete(columns));
    const searchable = (row: ExpertEntity) => row.listed && row.visibility === ExpertVisibility.PUBLIC;
    return new Map(
      rows.filter((row) => searchable(row) && this.experts.canView(actor, row)).map((row) => [row.id, row]),
    );
  }
}

export function toDocument(expert: ExpertEntity, institutionName: string | null): BaseSearchDocument {
  const declared = expert.languages.length === 1 ? expert.languages[0] : null;
  const language = languageOf(declared, `${expert.name} ${expert.researchFields.join(' ')} ${expert.bio}`);
  return {
    id: expert.id,
    version: expert.updatedAt.getTime(),
    updatedAt: expert.updatedAt.getTime(),
    language,
    languages: distinct(expert.languages),
    name: clean(expert.name),
    ...localized('expertise', expert.researchFields),
    ...localized('headline', [expert.title]),
    ...localized('bio', [expert.bio]),
    keywords: distinct(expert.keywords),
    services: expert.services,
    institutionId: expert.organisationId,
    institutionName: clean(institutionName),
    region: clean(expert.region),
  };
}

export const expertSearchResolvers = kindSearchResolvers({
  kind: SearchKind.EXPERT,
  node: ExpertObject,
  typeName: 'Expert',
  query: 'searchExperts',
  hitField: 'expert',
});
