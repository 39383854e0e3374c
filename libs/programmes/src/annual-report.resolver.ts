import { Args, Query, Resolver } from '@nestjs/graphql';
import { Actor, CurrentActor } from '@app/identity';
import { AnnualReportService, InstitutionAnnualReport } from './annual-report.service';
import { InstitutionYearArgs } from './programmes.inputs';
import { ExportFileObject, InstitutionAnnualReportObject } from './programmes.objects';

const toObject = (report: InstitutionAnnualReport): InstitutionAnnualReportObject => ({
  ...report,
  institutionId: report.institution.id,
  institutionName: report.institution.name,
});

/** The institution annual report (科技成果转化年度报告). */
@Resolver()
export class AnnualReportResolver {
  constructor(private readonly reports: AnnualReportService) {}

  @Query(() => InstitutionAnnualReportObject, { description: 'Administrators and the institution’s TTO' })
  async institutionAnnualReport(@CurrentActor() actor: Actor, @Args() args: InstitutionYearArgs) {
    return toObject(await this.reports.report(actor, args.institutionId, args.year));
  }

  @Query(() => ExportFileObject, { description: 'The annual report as CSV (UTF-8 with BOM)' })
  institutionAnnualReportCsv(@CurrentActor() actor: Actor, @Args() args: InstitutionYearArgs) {
    return this.reports.csv(actor, args.institutionId, args.year);
  }

  @Query(() => ExportFileObject, { description: 'The annual report as a PDF' })
  institutionAnnualReportPdf(@CurrentActor() actor: Actor, @Args() args: InstitutionYearArgs) {
    return this.reports.pdf(actor, args.institutionId, args.year);
  }
}
