import { Injectable, Logger } from '@nestjs/common';
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { badInput, DomainException } from '@app/core';
import { AchievementsService } from '@app/achievements';
import { DemandsService } from '@app/demands';
import { ExpertsService } from '@app/experts';
import { TaxonomyService } from '@app/taxonomy';
import { DATASET_FILES, DatasetFile, datasetFileName, DatasetRecords, ValidatedLine } from './domain/dataset-records';
import { countOutcome, emptyFileReport, FileReport, ImportOutcome, ImportReport } from './domain/import-report';
import { enterpriseSpec, institutionSpec, organisationSetProblem } from './domain/organisation-set';
import { IndustryResolver, validateFile } from './domain/validate-line';
import { ImportOrganisations, OrganisationResolver } from './import-organisations';
import { achievementImport, demandImport, expertImport } from './record-mapping';

export interface ImportOptions {
  /** Name of the organisation set; defaults to the folder's name, so re-importing a folder reuses its organisations. */
  organisationSet?: string;
  /**
   * Industry code given to a demand whose line names no known industry (the domain requires one).
   * Absent: such lines are refused. The evaluation command uses it, since judged datasets may omit industries.
   */
  demandIndustryFallback?: string;
}

/**
 * Imports a folder in the dataset format (achievements.jsonl, experts.jsonl, demands.jsonl) into an organisation
 * set. Every line is validated; bad lines are reported with their number and skipped; good lines go through the
 * domain services' idempotent import methods (which write the outbox rows in their own transactions, and only
 * when something changed), so re-running the same folder changes nothing.
 */
@Injectable()
export class ImportService {
  private readonly logger = new Logger(ImportService.name);

  constructor(
    private readonly taxonomy: TaxonomyService,
    private readonly organisations: ImportOrganisations,
    private readonly achievements: AchievementsService,
    private readonly experts: ExpertsService,
    private readonly demands: DemandsService,
  ) {}

  async importFolder(folder: string, options: ImportOptions = {}): Promise<ImportReport> {
    const directory = resolve(folder);
    const info = await stat(directory).catch(() => null);
    if (!info?.isDirectory()) throw badInput(`${folder} is not a folder`, { field: 'folder' });
    const organisationSet = options.organisationSet ?? basename(directory);
    const setProblem = organisationSetProblem(organisationSet);
    if (setProblem) throw badInput(setProblem, { field: 'organisationSet' });

    const contents = await Promise.all(
      DATASET_FILES.map((file) => readFile(join(directory, datasetFileName(file)), 'utf8').catch(notFoundAsNull)),
    );
    if (contents.every((content) => content === null)) {
      throw badInput(`${folder} has none of ${DATASET_FILES.map(datasetFileName).join(', ')}`, { field: 'folder' });
    }

    const run = new ImportRun(organisationSet, this.organisations.forRun(), options.demandIndustryFallback ?? null);
    const files = {} as Record<DatasetFile, FileReport>;
    const resolveIndustry: IndustryResolver = (text) => this.taxonomy.resolveIndustry(text);
    for (const [index, file] of DATASET_FILES.entries()) {
      const content = contents[index];
      const report = (files[file] = emptyFileReport(file, content !== null));
      if (content === null) continue;
      const validated = await validateFile(file, content, resolveIndustry);
      report.lines = validated.records.length + validated.errors.length;
      report.errors.push(...validated.errors);
      for (const line of validated.records) {
        try {
          const outcome = await this.importLine(run, file, line);
          countOutcome(report, outcome);
          report.warnings.push(...line.warnings.map((reason) => ({ line: line.line, reason })));
        } catch (error) {
          // A line the domain refuses (its own rules) is skipped like an invalid one; anything else is a bug.
          if (!(error instanceof DomainException)) throw error;
          report.errors.push({ line: line.line, reason: error.message });
        }
      }
      report.errors.sort((a, b) => a.line - b.line);
      report.skipped = report.errors.length;
      this.logger.log(
        `${report.file}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped`,
      );
    }
    return { folder: directory, organisationSet, files, organisations: run.organisations.counts };
  }

  private async importLine<F extends DatasetFile>(
    run: ImportRun,
    file: F,
    { record }: ValidatedLine<DatasetRecords[F]>,
  ): Promise<ImportOutcome> {
    switch (file) {
      case 'achievements': {
        const achievement = record as DatasetRecords['achievements'];
        const institution = await run.organisations.resolve(institutionSpec(run.set, achievement.institution));
        return (await this.achievements.importListedAchievement(achievementImport(achievement, institution.id)))
          .outcome;
      }
      case 'experts': {
        const expert = record as DatasetRecords['experts'];
        const institution = await run.organisations.resolve(institutionSpec(run.set, expert.institution));
        return (await this.experts.importExpert(institution.id, expertImport(expert))).outcome;
      }
      case 'demands': {
        const demand = record as DatasetRecords['demands'];
        const mapped = demandImport(
          demand.industryCode === null && run.demandIndustryFallback
            ? { ...demand, industryCode: run.demandIndustryFallback }
            : demand,
        );
        const enterprise = await run.organisations.resolve(enterpriseSpec(run.set, demand.enterprise));
        return (await this.demands.importDemand(enterprise.id, mapped)).outcome;
      }
      default:
        throw new Error(`Unknown dataset file ${String(file)}`);
    }
  }
}

class ImportRun {
  constructor(
    readonly set: string,
    readonly organisations: OrganisationResolver,
    readonly demandIndustryFallback: string | null,
  ) {}
}

function notFoundAsNull(error: unknown): null {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  throw error;
}
