import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FieldColumnMap } from '@app/core';
import {
  DEMAND_ACCESS_COLUMNS,
  DEMAND_FIELD_COLUMNS,
  DemandEntity,
  DemandObject,
  DemandsService,
  DemandStatus,
} from '@app/demands';
import { Actor, OrganisationEntity } from '@app/identity';
import { IndustryEntity } from '@app/taxonomy';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { BaseSearchDocument, SearchKind } from '../domain/index-definitions';
import { kindSearchResolvers } from '../graphql/search.resolver';
import { SearchDocumentSource } from '../search-document-source';
import { clean, distinct, languageOf, localized, millis } from './document-helpers';

/** OPEN demands, public summary only: confidential details never reach the index, nor an anonymous poster's name. */
@Injectable()
export class DemandSearchSource implements SearchDocumentSource<DemandEntity> {
  readonly kind = SearchKind.DEMAND;

  /** What the OPEN check and canView read (DEMAND_ACCESS_COLUMNS) are loaded whatever the query selects. */
  private readonly fieldColumns: FieldColumnMap<DemandEntity>;

  constructor(
    private readonly demands: DemandsService,
    @InjectDataSource() dataSource: DataSource,
  ) {
    this.fieldColumns = FieldColumnMap.of(dataSource, DemandEntity, DEMAND_FIELD_COLUMNS, DEMAND_ACCESS_COLUMNS);
  }

  async documents(manager: EntityManager, ids: readonly string[]): Promise<BaseSearchDocument[]> {
    const rows = await manager.find(DemandEntity, { where: { id: In([...ids]), status: DemandStatus.OPEN } });
    if (rows.length === 0) return [];
    const industries = await manager.findBy(IndustryEntity, {
      code: In([...new Set(rows.map((row) => row.industryCode))]),
    });
    const industryByCode = new Map(industries.map((industry) => [industry.code, industry]));
    const named = rows.filter((row) => !row.anonymous).map((row) => row.organisationId);
    const organisations =
      named.length > 0 ? await manager.findBy(OrganisationEntity, { id: In([...new Set(named)]) }) : [];
    const organisationName = new Map(organisations.map((organisation) => [organisation.id, organisation.name]));
    return rows.map((demand) =>
      toDocument(demand, industryByCode.get(demand.industryCode), organisationName.get(demand.organisationId)),
    );
  }

  async searchableIds(manager: EntityManager, afterId: string | null, limit: number): Promise<string[]> {
    const rows = await manager.find(DemandEntity, {
      select: { id: true },
      where: { status: DemandStatus.OPEN, ...(afterId ? { id: MoreThan(afterId) } : {}) },
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
  ): Promise<Map<string, DemandEntity>> {
    const rows = await this.demands.demandsByIds(ids, this.fieldColumns.complete(columns));
    // The index holds OPEN demands only; one that moved on since it was indexed is not a search result any more.
    return new Map(
      rows
        .filter((row) => row.status === DemandStatus.OPEN && this.demands.canView(actor, row))
        .map((row) => [row.id, row]),
    );
  }
}

export function toDocument(
  demand: DemandEntity,
  industry: IndustryEntity | undefined,
  organisationName: string | undefined,
): BaseSearchDocument {
  const language = languageOf(null, `${demand.title} ${demand.summary}`);
  return {
    id: demand.id,
    version: demand.updatedAt.getTime(),
    updatedAt: demand.updatedAt.getTime(),
    publishedAt: millis(demand.publishedAt ?? demand.createdAt),
    language,
    ...localized('title', [demand.title], language),
    ...localized('summary', [demand.summary], language),
    keywords: distinct(demand.technicalIndicators.map((indicator) => indicator.name)),
    industryCodes: [demand.industryCode],
    industryNames: distinct([industry?.nameZh, industry?.nameEn]),
    region: clean(demand.region),
    transferModes: demand.cooperationModes,
    price: demand.budgetMaxWan ?? demand.budgetMinWan,
    demandKind: demand.kind,
    organisationName: demand.anonymous ? null : clean(organisationName),
  };
}

export const demandSearchResolvers = kindSearchResolvers({
  kind: SearchKind.DEMAND,
  node: DemandObject,
  typeName: 'Demand',
  query: 'searchDemands',
  hitField: 'demand',
});
