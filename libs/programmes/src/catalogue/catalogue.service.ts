import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, fail, toCsv } from '@app/core';
import { Actor, OrganisationKind, Role } from '@app/identity';
import { csvFile, ExportFile } from '../export-file';
import { CatalogueEntryEntity, CatalogueEntryStatus } from './catalogue.entity';

/** Deal stages in which the enterprise holds the achievement: the contract is signed (and maybe registered). */
const TRANSFERRED_STAGES = ['CONTRACT_SIGNED', 'REGISTERED', 'CLOSED_WON'];

export interface CatalogueApplication {
  enterpriseId?: string | null;
  achievementId: string;
  productName: string;
  description: string;
}

/** An entry as the screens show it: with the enterprise's name and the achievement's title. */
export interface CatalogueEntryView extends CatalogueEntryEntity {
  enterpriseName: string;
  achievementTitle: string;
}

/** An achievement an enterprise may name in an application: acquired in one of its signed deals. */
export interface TransferredAchievement {
  achievementId: string;
  achievementTitle: string;
  dealId: string;
  enterpriseId: string;
  enterpriseName: string;
}

/**
 * The bureau's recommended catalogue of innovative products (应用示范推荐目录): enterprises apply with a product that
 * came from a transferred achievement, the bureau (platform ADMIN) publishes or rejects with a reason, the
 * published entries are public (a page and a CSV).
 */
@Injectable()
export class CatalogueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Achievements the actor's enterprises acquired in a signed or registered deal (newest deal first). */
  async transferredAchievements(actor: Actor): Promise<TransferredAchievement[]> {
    const enterprises = this.enterprisesOf(actor);
    if (enterprises.length === 0) return [];
    const rows: Array<{
      achievement_id: string;
      achievement_title: string;
      deal_id: string;
      enterprise_id: string;
      enterprise_name: string;
    }> = await this.dataSource.query(
      `SELECT DISTINCT ON (d.target_id, d.demand_organisation_id) d.target_id AS achievement_id,
              a.title AS achievement_title, d.id AS deal_id, d.demand_organisation_id AS enterprise_id,
              o.name AS enterprise_name
       FROM deals d JOIN achievements a ON a.id = d.target_id JOIN organisations o ON o.id = d.demand_organisation_id
       WHERE d.target_type = 'ACHIEVEMENT' AND d.demand_organisation_id = ANY($1::uuid[])
         AND d.stage::text = ANY($2::text[])
       ORDER BY d.target_id, d.demand_organisation_id, d.stage_entered_at DESC`,
      [enterprises, TRANSFERRED_STAGES],
    );
    return rows.map((row) => ({
      achievementId: row.achievement_id,
      achievementTitle: row.achievement_title,
      dealId: row.deal_id,
      enterpriseId: row.enterprise_id,
      enterpriseName: row.enterprise_name,
    }));
  }

  /** An enterprise member applies; the achievement must be one the enterprise acquired (else a typed refusal). */
  async apply(actor: Actor, input: CatalogueApplication): Promise<CatalogueEntryView> {
    const enterprises = this.enterprisesOf(actor);
    const enterpriseId = input.enterpriseId ?? (enterprises.length === 1 ? enterprises[0] : undefined);
    if (!enterpriseId || !enterprises.includes(enterpriseId)) throw fail('CATALOGUE_ENTERPRISE_ONLY');
    const transferred = (await this.transferredAchievements(actor)).find(
      (t) => t.achievementId === input.achievementId && t.enterpriseId === enterpriseId,
    );
    if (!transferred) throw fail('CATALOGUE_ACHIEVEMENT_NOT_TRANSFERRED', { field: 'achievementId' });
    const repo = this.dataSource.getRepository(CatalogueEntryEntity);
    const entry = await repo.save(
      repo.create({
        enterpriseId,
        applicantId: actor.userId,
        achievementId: input.achievementId,
        dealId: transferred.dealId,
        productName: input.productName.trim(),
        description: input.description.trim(),
        status: CatalogueEntryStatus.PENDING,
        rejectionReason: null,
        decidedById: null,
        decidedAt: null,
        publishedAt: null,
      }),
    );
    return this.view(entry.id);
  }

  /** The actor's enterprises' applications, every status. */
  async mine(actor: Actor): Promise<CatalogueEntryView[]> {
    const enterprises = this.enterprisesOf(actor);
    if (enterprises.length === 0) return [];
    return this.views('e.enterprise_id = ANY($1::uuid[])', [enterprises]);
  }

  /** The bureau's desk: applications in one status (PENDING by default). */
  async reviewQueue(actor: Actor, status = CatalogueEntryStatus.PENDING): Promise<CatalogueEntryView[]> {
    if (!actor.isAdmin) throw fail('CATALOGUE_BUREAU_ONLY');
    return this.views('e.status = $1', [status]);
  }

  /** The public catalogue: published entries, newest first. */
  published(): Promise<CatalogueEntryView[]> {
    return this.views('e.status = $1', [CatalogueEntryStatus.PUBLISHED], 'e.published_at DESC, e.id');
  }

  /** The public catalogue as a CSV (UTF-8 with BOM), Chinese headers. */
  async publishedCsv(): Promise<ExportFile> {
    const entries = await this.published();
    const csv = toCsv(
      ['产品名称', '申报企业', '来源科技成果', '产品简介', '入选日期'],
      entries.map((e) => [
        e.productName,
        e.enterpriseName,
        e.achievementTitle,
        e.description,
        e.publishedAt ? e.publishedAt.toISOString().slice(0, 10) : '',
      ]),
    );
    return csvFile('应用示范推荐目录.csv', csv);
  }

  publish(actor: Actor, id: string): Promise<CatalogueEntryView> {
    return this.decide(actor, id, (entry, now) => {
      entry.status = CatalogueEntryStatus.PUBLISHED;
      entry.publishedAt = now;
    });
  }

  reject(actor: Actor, id: string, reason: string): Promise<CatalogueEntryView> {
    const why = reason.trim();
    if (!why) throw fail('REJECTION_REASON_REQUIRED', { field: 'reason' });
    return this.decide(actor, id, (entry) => {
      entry.status = CatalogueEntryStatus.REJECTED;
      entry.rejectionReason = why;
    });
  }

  private async decide(
    actor: Actor,
    id: string,
    apply: (entry: CatalogueEntryEntity, now: Date) => void,
  ): Promise<CatalogueEntryView> {
    if (!actor.isAdmin) throw fail('CATALOGUE_BUREAU_ONLY');
    await this.dataSource.transaction(async (manager: EntityManager) => {
      const entry = await manager.findOne(CatalogueEntryEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!entry) throw fail('CATALOGUE_ENTRY_NOT_FOUND', { id });
      if (entry.status !== CatalogueEntryStatus.PENDING) {
        throw fail('CATALOGUE_ENTRY_NOT_PENDING', { currentStatus: entry.status });
      }
      const now = this.clock.now();
      apply(entry, now);
      entry.decidedById = actor.userId;
      entry.decidedAt = now;
      await manager.save(entry);
    });
    return this.view(id);
  }

  /** Organisations where the actor is an enterprise member of an ENTERPRISE (not a government body). */
  private enterprisesOf(actor: Actor): string[] {
    return actor.memberships
      .filter((m) => m.role === Role.ENTERPRISE_MEMBER && m.organisationKind === OrganisationKind.ENTERPRISE)
      .map((m) => m.organisationId);
  }

  private async view(id: string): Promise<CatalogueEntryView> {
    const [entry] = await this.views('e.id = $1', [id]);
    if (!entry) throw fail('CATALOGUE_ENTRY_NOT_FOUND', { id });
    return entry;
  }

  private async views(
    where: string,
    params: unknown[],
    order = 'e.created_at DESC, e.id',
  ): Promise<CatalogueEntryView[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.id, e.enterprise_id, e.applicant_id, e.achievement_id, e.deal_id, e.product_name, e.description,
              e.status, e.rejection_reason, e.decided_by_id, e.decided_at, e.published_at, e.created_at, e.updated_at,
              o.name AS enterprise_name, a.title AS achievement_title
       FROM catalogue_entries e
       JOIN organisations o ON o.id = e.enterprise_id
       JOIN achievements a ON a.id = e.achievement_id
       WHERE ${where} ORDER BY ${order} LIMIT 500`,
      params,
    );
    return rows.map((row) => ({
      id: row.id as string,
      enterpriseId: row.enterprise_id as string,
      applicantId: row.applicant_id as string,
      achievementId: row.achievement_id as string,
      dealId: row.deal_id as string,
      productName: row.product_name as string,
      description: row.description as string,
      status: row.status as CatalogueEntryStatus,
      rejectionReason: row.rejection_reason as string | null,
      decidedById: row.decided_by_id as string | null,
      decidedAt: row.decided_at as Date | null,
      publishedAt: row.published_at as Date | null,
      createdAt: row.created_at as Date,
      updatedAt: row.updated_at as Date,
      enterpriseName: row.enterprise_name as string,
      achievementTitle: row.achievement_title as string,
    }));
  }
}
