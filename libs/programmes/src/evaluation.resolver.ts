import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { byKeys, groupedByKeys, RequestLoaders } from '@app/core';
import { fileUrl } from '@app/files';
import { Actor, CurrentActor, DirectoryService, Loaders, OrganisationObject, organisationLoader } from '@app/identity';
import { AWARD_TIER_LABELS } from './domain/evaluation-scoring';
import {
  EvaluationReportEntity,
  EvaluationReportValueEntity,
  EvaluationResultEntity,
  EvaluationSchemeEntity,
} from './entities/evaluation.entities';
import { EvaluationService, RdInstitution } from './evaluation.service';
import {
  EvaluationSchemeInput,
  InstitutionYearArgs,
  SaveEvaluationValuesInput,
  VerifyEvaluationIndicatorInput,
  YearArgs,
} from './programmes.inputs';
import {
  EvaluationAttachmentObject,
  EvaluationReportObject,
  EvaluationResultObject,
  EvaluationSchemeObject,
  EvaluationValueObject,
  ExportFileObject,
  IndicatorScoreObject,
  RdInstitutionObject,
} from './programmes.objects';

const institutionObject = (row: RdInstitution): RdInstitutionObject => ({
  id: row.organisation.id,
  name: row.organisation.name,
  region: row.organisation.region,
  partnerIds: row.partnerIds,
});

const resultObject = (result: EvaluationResultEntity) =>
  Object.assign(new EvaluationResultObject(), result, { tierLabel: AWARD_TIER_LABELS[result.tier] });

/** New R&D institution performance evaluation (新型研发机构绩效评价). */
@Resolver(() => EvaluationReportObject)
export class EvaluationResolver {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly directory: DirectoryService,
  ) {}

  @Query(() => [RdInstitutionObject], { description: 'New R&D institutions (administrators: all; a TTO: its own)' })
  async rdInstitutions(@CurrentActor() actor: Actor) {
    return (await this.evaluation.rdInstitutions(actor)).map(institutionObject);
  }

  @Mutation(() => RdInstitutionObject, {
    description: 'Link a new R&D institution to its partner universities (ADMIN)',
  })
  async setRdInstitutionPartners(
    @CurrentActor() actor: Actor,
    @Args('institutionId', { type: () => ID }) institutionId: string,
    @Args('partnerIds', { type: () => [ID] }) partnerIds: string[],
  ) {
    return institutionObject(await this.evaluation.setPartners(actor, institutionId, partnerIds.slice(0, 50)));
  }

  @Query(() => [EvaluationSchemeObject], { description: 'Indicator schemes, latest year first (any signed-in user)' })
  evaluationSchemes(@CurrentActor() _actor: Actor): Promise<EvaluationSchemeEntity[]> {
    return this.evaluation.schemes();
  }

  @Query(() => EvaluationSchemeObject)
  evaluationScheme(@CurrentActor() _actor: Actor, @Args() args: YearArgs) {
    return this.evaluation.scheme(args.year);
  }

  @Mutation(() => EvaluationSchemeObject, {
    description: 'Create or change a year’s scheme while it is a draft (ADMIN)',
  })
  saveEvaluationScheme(@CurrentActor() actor: Actor, @Args('input') input: EvaluationSchemeInput) {
    return this.evaluation.saveScheme(actor, {
      ...input,
      indicators: input.indicators.map((indicator) => ({
        ...indicator,
        platformMetric: indicator.platformMetric ?? null,
      })),
    });
  }

  @Mutation(() => EvaluationSchemeObject, { description: 'Open the year for reports (ADMIN)' })
  openEvaluationScheme(@CurrentActor() actor: Actor, @Args() args: YearArgs) {
    return this.evaluation.openScheme(actor, args.year);
  }

  @Mutation(() => EvaluationReportObject, {
    description: 'Start the institution’s report, platform indicators filled in (its TTO)',
  })
  startEvaluationReport(@CurrentActor() actor: Actor, @Args() args: InstitutionYearArgs) {
    return this.evaluation.startReport(actor, args.institutionId, args.year);
  }

  @Mutation(() => EvaluationReportObject, { description: 'Count the platform indicators again (its TTO)' })
  refreshEvaluationPlatformValues(
    @CurrentActor() actor: Actor,
    @Args('reportId', { type: () => ID }) reportId: string,
  ) {
    return this.evaluation.refreshPlatformValues(actor, reportId);
  }

  @Mutation(() => EvaluationReportObject, { description: 'Self-reported values with attachments (its TTO)' })
  saveEvaluationValues(@CurrentActor() actor: Actor, @Args('input') input: SaveEvaluationValuesInput) {
    return this.evaluation.saveValues(
      actor,
      input.reportId,
      input.values.map((value) => ({ ...value, value: value.value ?? null })),
    );
  }

  @Mutation(() => EvaluationReportObject, {
    description: 'Remove an attachment of a self-reported value and delete its file (its TTO, while DRAFT or RETURNED)',
  })
  removeEvaluationAttachment(
    @CurrentActor() actor: Actor,
    @Args('reportId', { type: () => ID }) reportId: string,
    @Args('fileId', { type: () => ID }) fileId: string,
  ) {
    return this.evaluation.removeAttachment(actor, reportId, fileId);
  }

  @Mutation(() => EvaluationReportObject, { description: 'Submit to the bureau (its TTO)' })
  submitEvaluationReport(@CurrentActor() actor: Actor, @Args('reportId', { type: () => ID }) reportId: string) {
    return this.evaluation.submitReport(actor, reportId);
  }

  @Mutation(() => EvaluationReportObject, { description: 'Verify or reject one self-reported indicator (ADMIN)' })
  verifyEvaluationIndicator(@CurrentActor() actor: Actor, @Args('input') input: VerifyEvaluationIndicatorInput) {
    return this.evaluation.verifyIndicator(actor, input.reportId, input.indicatorKey, input.accepted, input.note);
  }

  @Mutation(() => EvaluationReportObject, { description: 'Return a report with a reason (ADMIN)' })
  returnEvaluationReport(
    @CurrentActor() actor: Actor,
    @Args('reportId', { type: () => ID }) reportId: string,
    @Args('reason') reason: string,
  ) {
    return this.evaluation.returnReport(actor, reportId, reason.slice(0, 4000));
  }

  @Query(() => EvaluationReportObject)
  evaluationReport(@CurrentActor() actor: Actor, @Args('id', { type: () => ID }) id: string) {
    return this.evaluation.report(actor, id);
  }

  @Query(() => [EvaluationReportObject], { description: 'The year’s reports (administrators: all; a TTO: its own)' })
  evaluationReports(@CurrentActor() actor: Actor, @Args() args: YearArgs) {
    return this.evaluation.reports(actor, args.year);
  }

  @Mutation(() => [EvaluationResultObject], { description: 'Score the year’s submitted reports (ADMIN)' })
  async computeEvaluationResults(@CurrentActor() actor: Actor, @Args() args: YearArgs) {
    return (await this.evaluation.computeResults(actor, args.year)).map(resultObject);
  }

  @Mutation(() => EvaluationSchemeObject, { description: 'Publish the year’s results (ADMIN)' })
  publishEvaluationResults(@CurrentActor() actor: Actor, @Args() args: YearArgs) {
    return this.evaluation.publishResults(actor, args.year);
  }

  @Query(() => [EvaluationResultObject], {
    description: 'Ranks, scores and tiers: published ones for any signed-in user, unpublished for administrators',
  })
  async evaluationResults(@CurrentActor() actor: Actor, @Args() args: YearArgs) {
    return (await this.evaluation.results(actor, args.year)).map(resultObject);
  }

  @Query(() => [EvaluationResultObject], { description: 'An institution’s published results across the years' })
  async evaluationHistory(
    @CurrentActor() actor: Actor,
    @Args('institutionId', { type: () => ID }) institutionId: string,
  ) {
    return (await this.evaluation.history(actor, institutionId)).map(resultObject);
  }

  @Query(() => ExportFileObject, { description: 'The year’s results as CSV (ADMIN)' })
  evaluationResultsCsv(@CurrentActor() actor: Actor, @Args() args: YearArgs) {
    return this.evaluation.resultsCsv(actor, args.year);
  }

  @Query(() => ExportFileObject, { description: 'The year’s results as a PDF report (ADMIN)' })
  evaluationResultsPdf(@CurrentActor() actor: Actor, @Args() args: YearArgs) {
    return this.evaluation.resultsPdf(actor, args.year);
  }

  // ---- nested ----

  @ResolveField(() => [EvaluationValueObject])
  values(@Parent() report: EvaluationReportEntity, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'programmes.evaluationValues',
        () =>
          new DataLoader<string, EvaluationReportValueEntity[]>(async (ids) =>
            groupedByKeys(ids, await this.evaluation.valuesOf(ids), (row) => row.reportId),
          ),
      )
      .load(report.id);
  }

  @ResolveField(() => EvaluationSchemeObject, { nullable: true })
  scheme(@Parent() report: EvaluationReportEntity, @Loaders() loaders: RequestLoaders) {
    return loaders
      .get(
        'programmes.evaluationScheme',
        () =>
          new DataLoader<string, EvaluationSchemeEntity | null>(async (ids) =>
            byKeys(ids, await this.evaluation.schemesByIds(ids), (row) => row.id),
          ),
      )
      .load(report.schemeId);
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  institution(@Parent() report: EvaluationReportEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(report.institutionId);
  }
}

/** A value's attachments: reached only through a report the caller may see (administrators, its TTO). */
@Resolver(() => EvaluationValueObject)
export class EvaluationValueResolver {
  constructor(private readonly evaluation: EvaluationService) {}

  @ResolveField(() => [EvaluationAttachmentObject], {
    description: 'The evidence the institution attached (self-reported values), for the bureau to verify',
  })
  attachments(
    @Parent() value: EvaluationReportValueEntity,
    @Loaders() loaders: RequestLoaders,
  ): Promise<EvaluationAttachmentObject[]> {
    return loaders
      .get(
        'programmes.evaluationAttachments',
        () =>
          new DataLoader<string, EvaluationAttachmentObject[]>(async (ids) =>
            groupedByKeys(ids, await this.evaluation.attachmentsOf(ids), (file) => file.ownerId ?? '').map((files) =>
              files.map((file) => ({
                fileId: file.id,
                name: file.name,
                contentType: file.contentType,
                url: fileUrl(file.id),
              })),
            ),
          ),
      )
      .load(value.id);
  }
}

@Resolver(() => EvaluationResultObject)
export class EvaluationResultResolver {
  constructor(
    private readonly evaluation: EvaluationService,
    private readonly directory: DirectoryService,
  ) {}

  @ResolveField(() => [IndicatorScoreObject], {
    nullable: true,
    description: 'Per-indicator scores: administrators and the institution only (null for others)',
  })
  indicators(@Parent() result: EvaluationResultEntity, @CurrentActor() actor: Actor) {
    return this.evaluation.seesBreakdown(actor, result) ? result.indicators : null;
  }

  @ResolveField(() => [String], {
    nullable: true,
    description: 'Indicators scored 0 for lack of a (verified) value; as indicators',
  })
  missingIndicators(@Parent() result: EvaluationResultEntity, @CurrentActor() actor: Actor) {
    return this.evaluation.seesBreakdown(actor, result) ? result.missingIndicators : null;
  }

  @ResolveField(() => OrganisationObject, { nullable: true })
  institution(@Parent() result: EvaluationResultEntity, @Loaders() loaders: RequestLoaders) {
    return organisationLoader(loaders, this.directory).load(result.institutionId);
  }
}
