import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Clock, fail, toCsv } from '@app/core';
import { FileOwnerKind, FilesService } from '@app/files';
import { Actor, OrganisationEntity, OrganisationKind } from '@app/identity';
import { shanghaiYearRange } from './domain/calendar';
import {
  AWARD_TIER_LABELS,
  checkScheme,
  IndicatorDefinition,
  IndicatorSource,
  PlatformMetric,
  SchemeProblem,
  scoreInstitutions,
  TierThresholds,
} from './domain/evaluation-scoring';
import {
  EvaluationReportEntity,
  EvaluationReportStatus,
  EvaluationReportValueEntity,
  EvaluationResultEntity,
  EvaluationSchemeEntity,
  EvaluationSchemeStatus,
  IndicatorLink,
  IndicatorVerification,
  RdInstitutionPartnerEntity,
} from './entities/evaluation.entities';
import { CjkPdf } from './pdf/cjk-pdf';
import { ExportFile, csvFile, pdfFile } from './export-file';
import { institutionsSpokenFor, speaksForInstitution } from './programme-access';

const PARTNER_KINDS: readonly OrganisationKind[] = [OrganisationKind.UNIVERSITY, OrganisationKind.RESEARCH_INSTITUTE];
/** Links kept per platform indicator (the value counts all). */
const MAX_LINKS = 200;

export interface SchemeInput {
  year: number;
  title: string;
  indicators: IndicatorDefinition[];
  tiers: TierThresholds;
}

export interface RdInstitution {
  organisation: OrganisationEntity;
  partnerIds: string[];
}

/**
 * New R&D institution performance evaluation (新型研发机构绩效评价): institutions and their partner universities,
 * yearly indicator schemes (ADMIN), annual reports with platform-counted indicators (linked to their records)
 * and self-reported ones with attachments the bureau verifies, results computed by the pure scoring function,
 * published, with history and CSV/PDF exports. Reports: administrators and the institution's TTO; published
 * results: every signed-in user (the per-indicator breakdown only to administrators and the institution).
 */
@Injectable()
export class EvaluationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly files: FilesService,
    private readonly clock: Clock,
  ) {}

  // ---- institutions ----

  async rdInstitutions(actor: Actor): Promise<RdInstitution[]> {
    const query = this.dataSource
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.kind = :kind', { kind: OrganisationKind.NEW_RD_INSTITUTION })
      .orderBy('o.name', 'ASC')
      .limit(500);
    if (!actor.isAdmin) {
      const mine = institutionsSpokenFor(actor);
      if (mine.length === 0) return [];
      query.andWhere('o.id IN (:...mine)', { mine });
    }
    const organisations = await query.getMany();
    const partners = organisations.length
      ? await this.dataSource
          .getRepository(RdInstitutionPartnerEntity)
          .find({ where: { institutionId: In(organisations.map((o) => o.id)) }, order: { createdAt: 'ASC' } })
      : [];
    return organisations.map((organisation) => ({
      organisation,
      partnerIds: partners.filter((p) => p.institutionId === organisation.id).map((p) => p.partnerId),
    }));
  }

  /** Links a new R&D institution to its partner universities (ADMIN); replaces the list. */
  async setPartners(actor: Actor, institutionId: string, partnerIds: readonly string[]): Promise<RdInstitution> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'link partner universities' });
    return this.dataSource.transaction(async (manager) => {
      const institution = await this.rdInstitution(manager, institutionId);
      const unique = [...new Set(partnerIds)];
      const partners = unique.length ? await manager.findBy(OrganisationEntity, { id: In(unique) }) : [];
      for (const id of unique) {
        const partner = partners.find((p) => p.id === id);
        if (!partner) throw fail('ORGANISATION_NOT_FOUND', { field: 'partnerIds', id });
        if (!PARTNER_KINDS.includes(partner.kind)) throw fail('PARTNER_NOT_A_UNIVERSITY', { field: 'partnerIds', id });
      }
      await manager.delete(RdInstitutionPartnerEntity, { institutionId });
      if (unique.length)
        await manager.insert(
          RdInstitutionPartnerEntity,
          unique.map((partnerId) => ({ institutionId, partnerId })),
        );
      return { organisation: institution, partnerIds: unique };
    });
  }

  private async rdInstitution(manager: EntityManager, id: string): Promise<OrganisationEntity> {
    const organisation = await manager.findOneBy(OrganisationEntity, { id });
    if (!organisation) throw fail('ORGANISATION_NOT_FOUND', { field: 'institutionId', id });
    if (organisation.kind !== OrganisationKind.NEW_RD_INSTITUTION)
      throw fail('NOT_A_NEW_RD_INSTITUTION', { field: 'institutionId', id });
    return organisation;
  }

  // ---- schemes ----

  schemes(): Promise<EvaluationSchemeEntity[]> {
    return this.dataSource.getRepository(EvaluationSchemeEntity).find({ order: { year: 'DESC' }, take: 100 });
  }

  async scheme(year: number): Promise<EvaluationSchemeEntity> {
    const scheme = await this.dataSource.getRepository(EvaluationSchemeEntity).findOneBy({ year });
    if (!scheme) throw fail('EVALUATION_SCHEME_NOT_FOUND', { year });
    return scheme;
  }

  /** Creates or changes the year's scheme (ADMIN) while it is a DRAFT. */
  async saveScheme(actor: Actor, input: SchemeInput): Promise<EvaluationSchemeEntity> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'define evaluation schemes' });
    const indicators = input.indicators.map((indicator) => ({
      ...indicator,
      key: indicator.key.trim(),
      label: indicator.label.trim(),
      platformMetric: indicator.platformMetric ?? null,
      thresholds: [...(indicator.thresholds ?? [])].sort((a, b) => a.min - b.min),
    }));
    try {
      checkScheme({ indicators, tiers: input.tiers });
    } catch (error) {
      if (error instanceof SchemeProblem) throw fail('EVALUATION_SCHEME_INVALID', { field: error.field });
      throw error;
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`evaluation-scheme:${input.year}`]);
      const existing = await manager.findOneBy(EvaluationSchemeEntity, { year: input.year });
      if (existing && existing.status !== EvaluationSchemeStatus.DRAFT) {
        throw fail('EVALUATION_SCHEME_LOCKED', { year: input.year, currentStatus: existing.status });
      }
      const scheme = existing ?? manager.create(EvaluationSchemeEntity, { year: input.year });
      scheme.title = input.title.trim();
      scheme.indicators = indicators;
      scheme.tiers = input.tiers;
      return manager.save(scheme);
    });
  }

  /** Opens the year for reports (ADMIN); its indicators no longer change. */
  async openScheme(actor: Actor, year: number): Promise<EvaluationSchemeEntity> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'open evaluations' });
    const scheme = await this.scheme(year);
    if (scheme.status !== EvaluationSchemeStatus.DRAFT)
      throw fail('EVALUATION_SCHEME_LOCKED', { year, currentStatus: scheme.status });
    scheme.status = EvaluationSchemeStatus.OPEN;
    return this.dataSource.getRepository(EvaluationSchemeEntity).save(scheme);
  }

  // ---- reports ----

  /** Starts the institution's report for the year (its TTO), with the platform's indicators filled in. */
  async startReport(actor: Actor, institutionId: string, year: number): Promise<EvaluationReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const institution = await manager.findOneBy(OrganisationEntity, { id: institutionId });
      if (!institution || !speaksForInstitution(actor, institutionId)) {
        if (institution && actor.isAdmin)
          throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'file reports for an institution' });
        throw fail('RD_INSTITUTION_NOT_FOUND', { id: institutionId });
      }
      if (institution.kind !== OrganisationKind.NEW_RD_INSTITUTION)
        throw fail('NOT_A_NEW_RD_INSTITUTION', { field: 'institutionId', id: institutionId });
      const scheme = await manager.findOneBy(EvaluationSchemeEntity, { year });
      if (!scheme) throw fail('EVALUATION_SCHEME_NOT_FOUND', { year });
      if (scheme.status !== EvaluationSchemeStatus.OPEN) throw fail('EVALUATION_SCHEME_NOT_OPEN', { year });
      const inserted = await manager
        .createQueryBuilder()
        .insert()
        .into(EvaluationReportEntity)
        .values({ schemeId: scheme.id, year, institutionId })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as Array<{ id: string }>)[0]?.id;
      if (!id) throw fail('EVALUATION_REPORT_EXISTS', { year, field: 'year' });
      await manager.insert(
        EvaluationReportValueEntity,
        scheme.indicators.map((indicator) => ({
          reportId: id,
          indicatorKey: indicator.key,
          source: indicator.source,
          value: null,
          links: [],
          verification:
            indicator.source === IndicatorSource.PLATFORM
              ? IndicatorVerification.PLATFORM
              : IndicatorVerification.PENDING,
        })),
      );
      const report = await manager.findOneByOrFail(EvaluationReportEntity, { id });
      await this.fillPlatformValues(manager, report, scheme);
      return report;
    });
  }

  /** Counts the platform's indicators again (before submitting, or after new records). */
  async refreshPlatformValues(actor: Actor, reportId: string): Promise<EvaluationReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockReportForInstitution(manager, actor, reportId);
      this.assertReportStatus(report, [EvaluationReportStatus.DRAFT, EvaluationReportStatus.RETURNED]);
      await this.fillPlatformValues(
        manager,
        report,
        await manager.findOneByOrFail(EvaluationSchemeEntity, { id: report.schemeId }),
      );
      return report;
    });
  }

  /** The files attached to values (for a report the caller may already see: no check here). */
  attachmentsOf(valueIds: readonly string[]) {
    return this.files.filesOf(FileOwnerKind.EVALUATION_EVIDENCE, valueIds);
  }

  /** Self-reported values with their attachments (uploaded files); each change waits for the bureau again. */
  async saveValues(
    actor: Actor,
    reportId: string,
    values: ReadonlyArray<{ indicatorKey: string; value: number | null; fileIds?: string[] }>,
  ): Promise<EvaluationReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockReportForInstitution(manager, actor, reportId);
      this.assertReportStatus(report, [EvaluationReportStatus.DRAFT, EvaluationReportStatus.RETURNED]);
      const rows = await manager.findBy(EvaluationReportValueEntity, { reportId });
      for (const [index, input] of values.entries()) {
        const row = rows.find((candidate) => candidate.indicatorKey === input.indicatorKey);
        if (!row || row.source !== IndicatorSource.SELF_REPORTED)
          throw fail('UNKNOWN_INDICATOR', { field: `values.${index}.indicatorKey`, key: input.indicatorKey });
        row.value = input.value;
        row.verification = IndicatorVerification.PENDING;
        row.verificationNote = null;
        row.verifiedAt = null;
        row.verifiedById = null;
        await manager.save(row);
        if (input.fileIds?.length)
          await this.files.attach(manager, actor, input.fileIds, {
            kind: FileOwnerKind.EVALUATION_EVIDENCE,
            id: row.id,
          });
      }
      return report;
    });
  }

  /**
   * Removes one attachment of a self-reported value and deletes its file (the institution's TTO, while the report
   * is a DRAFT or RETURNED); the value waits for the bureau again. A file not attached to the report is NOT_FOUND.
   */
  async removeAttachment(actor: Actor, reportId: string, fileId: string): Promise<EvaluationReportEntity> {
    const { report, removed } = await this.dataSource.transaction(async (manager) => {
      const report = await this.lockReportForInstitution(manager, actor, reportId);
      this.assertReportStatus(report, [EvaluationReportStatus.DRAFT, EvaluationReportStatus.RETURNED]);
      const rows = await manager.findBy(EvaluationReportValueEntity, {
        reportId,
        source: IndicatorSource.SELF_REPORTED,
      });
      const removed = await this.files.removeAttached(manager, fileId, {
        kind: FileOwnerKind.EVALUATION_EVIDENCE,
        ids: rows.map((row) => row.id),
      });
      await manager.update(
        EvaluationReportValueEntity,
        { id: removed.ownerId! },
        { verification: IndicatorVerification.PENDING, verificationNote: null, verifiedAt: null, verifiedById: null },
      );
      return { report, removed };
    });
    await this.files.purge([removed]);
    return report;
  }

  /** Submits once every self-reported indicator has a value and an attachment. */
  async submitReport(actor: Actor, reportId: string): Promise<EvaluationReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockReportForInstitution(manager, actor, reportId);
      this.assertReportStatus(report, [EvaluationReportStatus.DRAFT, EvaluationReportStatus.RETURNED]);
      const scheme = await manager.findOneByOrFail(EvaluationSchemeEntity, { id: report.schemeId });
      await this.fillPlatformValues(manager, report, scheme);
      const rows = await manager.findBy(EvaluationReportValueEntity, {
        reportId,
        source: IndicatorSource.SELF_REPORTED,
      });
      const attached = new Set(
        (
          await this.files.filesOf(
            FileOwnerKind.EVALUATION_EVIDENCE,
            rows.map((row) => row.id),
          )
        ).map((f) => f.ownerId),
      );
      const missing = rows.filter((row) => row.value === null || !attached.has(row.id)).map((row) => row.indicatorKey);
      if (missing.length > 0) throw fail('EVALUATION_VALUES_MISSING', { field: 'values', missing });
      report.status = EvaluationReportStatus.SUBMITTED;
      report.submittedAt = this.clock.now();
      report.returnReason = null;
      return manager.save(report);
    });
  }

  /** The bureau verifies (or rejects, with a note) one self-reported indicator; all verified → the report is. */
  async verifyIndicator(
    actor: Actor,
    reportId: string,
    indicatorKey: string,
    accepted: boolean,
    note?: string | null,
  ): Promise<EvaluationReportEntity> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'verify evaluation reports' });
    if (!accepted && !note?.trim()) throw fail('REASON_REQUIRED', { field: 'note' });
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockReport(manager, actor, reportId);
      this.assertReportStatus(report, [EvaluationReportStatus.SUBMITTED]);
      const row = await manager.findOneBy(EvaluationReportValueEntity, { reportId, indicatorKey });
      if (!row || row.source !== IndicatorSource.SELF_REPORTED)
        throw fail('UNKNOWN_INDICATOR', { field: 'indicatorKey', key: indicatorKey });
      row.verification = accepted ? IndicatorVerification.VERIFIED : IndicatorVerification.REJECTED;
      row.verificationNote = note?.trim() || null;
      row.verifiedById = actor.userId;
      row.verifiedAt = this.clock.now();
      await manager.save(row);
      const open = await manager.countBy(EvaluationReportValueEntity, {
        reportId,
        source: IndicatorSource.SELF_REPORTED,
        verification: In([IndicatorVerification.PENDING, IndicatorVerification.REJECTED]),
      });
      if (open === 0) {
        report.status = EvaluationReportStatus.VERIFIED;
        report.verifiedAt = this.clock.now();
        await manager.save(report);
      }
      return report;
    });
  }

  async returnReport(actor: Actor, reportId: string, reason: string): Promise<EvaluationReportEntity> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'return evaluation reports' });
    if (!reason.trim()) throw fail('REASON_REQUIRED', { field: 'reason' });
    return this.dataSource.transaction(async (manager) => {
      const report = await this.lockReport(manager, actor, reportId);
      this.assertReportStatus(report, [EvaluationReportStatus.SUBMITTED, EvaluationReportStatus.VERIFIED]);
      report.status = EvaluationReportStatus.RETURNED;
      report.returnReason = reason.trim();
      return manager.save(report);
    });
  }

  async report(actor: Actor, id: string): Promise<EvaluationReportEntity> {
    const report = await this.dataSource.getRepository(EvaluationReportEntity).findOneBy({ id });
    if (!report || !(actor.isAdmin || speaksForInstitution(actor, report.institutionId)))
      throw fail('EVALUATION_REPORT_NOT_FOUND', { id });
    return report;
  }

  /** The year's reports the actor may see (administrators: all; an institution's TTO: its own). */
  async reports(actor: Actor, year: number): Promise<EvaluationReportEntity[]> {
    const query = this.dataSource
      .getRepository(EvaluationReportEntity)
      .createQueryBuilder('r')
      .where('r.year = :year', { year })
      .orderBy('r.created_at', 'ASC')
      .limit(500);
    if (!actor.isAdmin) {
      const mine = institutionsSpokenFor(actor);
      if (mine.length === 0) return [];
      query.andWhere('r.institution_id IN (:...mine)', { mine });
    }
    return query.getMany();
  }

  valuesOf(reportIds: readonly string[]): Promise<EvaluationReportValueEntity[]> {
    return this.dataSource
      .getRepository(EvaluationReportValueEntity)
      .find({ where: { reportId: In([...reportIds]) }, order: { indicatorKey: 'ASC' } });
  }

  schemesByIds(ids: readonly string[]): Promise<EvaluationSchemeEntity[]> {
    return this.dataSource.getRepository(EvaluationSchemeEntity).findBy({ id: In([...ids]) });
  }

  // ---- results ----

  /**
   * Scores the submitted and verified reports of the year (ADMIN): platform indicators as counted, self-reported
   * ones only once verified (otherwise missing, scored 0). Replaces the year's results until they are published.
   */
  async computeResults(actor: Actor, year: number): Promise<EvaluationResultEntity[]> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'compute evaluation results' });
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`evaluation-scheme:${year}`]);
      const scheme = await manager.findOneBy(EvaluationSchemeEntity, { year });
      if (!scheme) throw fail('EVALUATION_SCHEME_NOT_FOUND', { year });
      if (scheme.status !== EvaluationSchemeStatus.OPEN)
        throw fail('EVALUATION_SCHEME_LOCKED', { year, currentStatus: scheme.status });
      const reports = await manager.findBy(EvaluationReportEntity, {
        year,
        status: In([EvaluationReportStatus.SUBMITTED, EvaluationReportStatus.VERIFIED]),
      });
      const values = reports.length
        ? await manager.findBy(EvaluationReportValueEntity, { reportId: In(reports.map((r) => r.id)) })
        : [];
      const scored = scoreInstitutions(
        { indicators: scheme.indicators, tiers: scheme.tiers },
        reports.map((report) => ({
          institutionId: report.institutionId,
          values: Object.fromEntries(
            values
              .filter((row) => row.reportId === report.id)
              .filter(
                (row) =>
                  row.verification === IndicatorVerification.PLATFORM ||
                  row.verification === IndicatorVerification.VERIFIED,
              )
              .map((row) => [row.indicatorKey, row.value]),
          ),
        })),
      );
      await manager.delete(EvaluationResultEntity, { year });
      if (scored.length)
        await manager.insert(
          EvaluationResultEntity,
          scored.map((result) => ({
            schemeId: scheme.id,
            year,
            institutionId: result.institutionId,
            totalScore: result.totalScore,
            rank: result.rank,
            tier: result.tier,
            indicators: result.indicators,
            missingIndicators: result.missingIndicators,
          })),
        );
      scheme.resultsComputedAt = this.clock.now();
      await manager.save(scheme);
      return manager.find(EvaluationResultEntity, { where: { year }, order: { rank: 'ASC', institutionId: 'ASC' } });
    });
  }

  async publishResults(actor: Actor, year: number): Promise<EvaluationSchemeEntity> {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'publish evaluation results' });
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`evaluation-scheme:${year}`]);
      const scheme = await manager.findOneBy(EvaluationSchemeEntity, { year });
      if (!scheme) throw fail('EVALUATION_SCHEME_NOT_FOUND', { year });
      if (scheme.status !== EvaluationSchemeStatus.OPEN)
        throw fail('EVALUATION_SCHEME_LOCKED', { year, currentStatus: scheme.status });
      if (!scheme.resultsComputedAt) throw fail('EVALUATION_RESULTS_NOT_COMPUTED', { year });
      scheme.status = EvaluationSchemeStatus.PUBLISHED;
      scheme.publishedAt = this.clock.now();
      return manager.save(scheme);
    });
  }

  /** The year's results: published ones to every signed-in user, computed but unpublished ones to administrators. */
  async results(actor: Actor, year: number): Promise<EvaluationResultEntity[]> {
    const scheme = await this.dataSource.getRepository(EvaluationSchemeEntity).findOneBy({ year });
    if (!scheme || (scheme.status !== EvaluationSchemeStatus.PUBLISHED && !actor.isAdmin))
      throw fail('EVALUATION_RESULTS_NOT_FOUND', { year });
    return this.dataSource
      .getRepository(EvaluationResultEntity)
      .find({ where: { year }, order: { rank: 'ASC', institutionId: 'ASC' } });
  }

  /** An institution's published results across the years (and unpublished ones for administrators). */
  async history(actor: Actor, institutionId: string): Promise<EvaluationResultEntity[]> {
    const query = this.dataSource
      .getRepository(EvaluationResultEntity)
      .createQueryBuilder('r')
      .innerJoin(EvaluationSchemeEntity, 's', 's.id = r.scheme_id')
      .where('r.institution_id = :institutionId', { institutionId })
      .orderBy('r.year', 'DESC')
      .limit(100);
    if (!actor.isAdmin) query.andWhere('s.status = :published', { published: EvaluationSchemeStatus.PUBLISHED });
    return query.getMany();
  }

  /** Whether the actor sees a result's per-indicator breakdown: administrators and the institution. */
  seesBreakdown(actor: Actor, result: EvaluationResultEntity): boolean {
    return actor.isAdmin || speaksForInstitution(actor, result.institutionId);
  }

  async resultsCsv(actor: Actor, year: number): Promise<ExportFile> {
    const { scheme, rows } = await this.exportRows(actor, year);
    const header = ['排名', '机构', '总分', '等级', ...scheme.indicators.map((i) => `${i.label}（得分）`), '缺失指标'];
    return csvFile(
      `新型研发机构绩效评价-${year}.csv`,
      toCsv(
        header,
        rows.map(({ result, name }) => [
          result.rank,
          name,
          result.totalScore,
          AWARD_TIER_LABELS[result.tier],
          ...scheme.indicators.map((i) => result.indicators.find((s) => s.key === i.key)?.score ?? null),
          result.missingIndicators.join('、'),
        ]),
      ),
    );
  }

  async resultsPdf(actor: Actor, year: number): Promise<ExportFile> {
    const { scheme, rows } = await this.exportRows(actor, year);
    const pdf = new CjkPdf({ title: `${year} 年度新型研发机构绩效评价结果` })
      .title(`${year} 年度新型研发机构绩效评价结果`)
      .keyValues([
        ['指标体系', scheme.title],
        ['状态', scheme.status === EvaluationSchemeStatus.PUBLISHED ? '已发布' : '未发布'],
        ['参评机构', rows.length],
      ])
      .heading('排名与等级')
      .table(
        [
          { header: '排名', width: 1 },
          { header: '机构', width: 5 },
          { header: '总分', width: 1.5, align: 'right' },
          { header: '等级', width: 1.5 },
        ],
        rows.map(({ result, name }) => [
          result.rank,
          name,
          result.totalScore.toFixed(2),
          AWARD_TIER_LABELS[result.tier],
        ]),
      )
      .heading('指标得分');
    pdf.table(
      [
        { header: '机构', width: 3 },
        ...scheme.indicators.map((i) => ({
          header: `${i.label}（权重 ${i.weight}）`,
          width: 2,
          align: 'right' as const,
        })),
      ],
      rows.map(({ result, name }) => [
        name,
        ...scheme.indicators.map((i) => {
          const score = result.indicators.find((s) => s.key === i.key);
          return score?.value === null || !score ? '缺失' : `${score.value} → ${score.score}`;
        }),
      ]),
    );
    return pdfFile(`新型研发机构绩效评价-${year}.pdf`, await pdf.toBuffer());
  }

  private async exportRows(actor: Actor, year: number) {
    if (!actor.isAdmin) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'export evaluation results' });
    const scheme = await this.scheme(year);
    const results = await this.results(actor, year);
    const names = await this.names(results.map((r) => r.institutionId));
    return {
      scheme,
      rows: results.map((result) => ({ result, name: names.get(result.institutionId) ?? result.institutionId })),
    };
  }

  private async names(ids: readonly string[]): Promise<Map<string, string>> {
    const organisations = ids.length
      ? await this.dataSource.getRepository(OrganisationEntity).findBy({ id: In([...ids]) })
      : [];
    return new Map(organisations.map((o) => [o.id, o.name]));
  }

  // ---- platform indicators ----

  private async fillPlatformValues(
    manager: EntityManager,
    report: EvaluationReportEntity,
    scheme: EvaluationSchemeEntity,
  ): Promise<void> {
    for (const indicator of scheme.indicators) {
      if (indicator.source !== IndicatorSource.PLATFORM || !indicator.platformMetric) continue;
      const figure = await this.platformFigure(manager, indicator.platformMetric, report.institutionId, report.year);
      await manager.update(
        EvaluationReportValueEntity,
        { reportId: report.id, indicatorKey: indicator.key },
        { value: figure.value, links: figure.links.slice(0, MAX_LINKS) },
      );
    }
  }

  /** One figure the platform knows of an institution in a Shanghai year, with the records it counted. */
  async platformFigure(
    manager: EntityManager,
    metric: PlatformMetric,
    institutionId: string,
    year: number,
  ): Promise<{ value: number; links: IndicatorLink[] }> {
    const { from, to } = shanghaiYearRange(year);
    const params = [institutionId, from, to];
    const registered = `FROM deals d WHERE d.target_organisation_id = $1 AND d.registered_at >= $2 AND d.registered_at < $3`;
    switch (metric) {
      case PlatformMetric.REGISTERED_CONTRACTS:
      case PlatformMetric.TECHNICAL_INCOME_WAN: {
        const rows = await manager.query<Array<{ id: string; number: string; income: string | null }>>(
          `SELECT d.id, d.registration_number AS number, d.technical_income_wan AS income ${registered} ORDER BY d.registered_at`,
          params,
        );
        const links = rows.map((row): IndicatorLink => ({ kind: 'DEAL', id: row.id, label: row.number }));
        const value =
          metric === PlatformMetric.REGISTERED_CONTRACTS
            ? rows.length
            : Math.round(rows.reduce((sum, row) => sum + Number(row.income ?? 0), 0) * 10_000) / 10_000;
        return { value, links };
      }
      case PlatformMetric.LISTINGS: {
        const rows = await manager.query<Array<{ id: string; title: string }>>(
          `SELECT a.id, a.title FROM achievements a WHERE a.institution_id = $1 AND a.listed_at >= $2 AND a.listed_at < $3
           ORDER BY a.listed_at`,
          params,
        );
        return {
          value: rows.length,
          links: rows.map((row) => ({ kind: 'ACHIEVEMENT', id: row.id, label: row.title })),
        };
      }
      case PlatformMetric.INTRODUCTIONS: {
        const rows = await manager.query<Array<{ id: string; title: string | null }>>(
          `SELECT i.id, dm.title FROM introductions i LEFT JOIN demands dm ON dm.id = i.demand_id
           WHERE i.target_organisation_id = $1 AND i.created_at >= $2 AND i.created_at < $3 ORDER BY i.created_at`,
          params,
        );
        return {
          value: rows.length,
          links: rows.map((row) => ({ kind: 'INTRODUCTION', id: row.id, label: row.title ?? '' })),
        };
      }
      case PlatformMetric.PRODUCTS_LAUNCHED:
      case PlatformMetric.ATTRIBUTED_REVENUE_WAN: {
        // The latest answer of each contract registered in the year (answers are cumulative to their date).
        const rows = await manager.query<
          Array<{ id: string; deal_id: string; product: boolean | null; revenue: string | null }>
        >(
          `SELECT DISTINCT ON (f.deal_id) f.id, f.deal_id, f.product_launched AS product, f.revenue_wan AS revenue
           FROM outcome_follow_ups f
           WHERE f.institution_id = $1 AND f.registered_at >= $2 AND f.registered_at < $3 AND f.status = 'ANSWERED'
           ORDER BY f.deal_id, f.months_after DESC`,
          params,
        );
        const counted = metric === PlatformMetric.PRODUCTS_LAUNCHED ? rows.filter((row) => row.product) : rows;
        const value =
          metric === PlatformMetric.PRODUCTS_LAUNCHED
            ? counted.length
            : Math.round(rows.reduce((sum, row) => sum + Number(row.revenue ?? 0), 0) * 10_000) / 10_000;
        return { value, links: counted.map((row) => ({ kind: 'FOLLOW_UP', id: row.id, label: row.deal_id })) };
      }
    }
  }

  // ---- internals ----

  private async lockReport(manager: EntityManager, actor: Actor, id: string): Promise<EvaluationReportEntity> {
    const report = await manager.findOne(EvaluationReportEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!report || !(actor.isAdmin || speaksForInstitution(actor, report.institutionId)))
      throw fail('EVALUATION_REPORT_NOT_FOUND', { id });
    return report;
  }

  private async lockReportForInstitution(manager: EntityManager, actor: Actor, id: string) {
    const report = await this.lockReport(manager, actor, id);
    if (!speaksForInstitution(actor, report.institutionId))
      throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: "change an institution's report" });
    return report;
  }

  private assertReportStatus(report: EvaluationReportEntity, allowed: readonly EvaluationReportStatus[]): void {
    if (!allowed.includes(report.status))
      throw fail('EVALUATION_REPORT_WRONG_STATUS', { currentStatus: report.status, allowedStatuses: [...allowed] });
  }
}
