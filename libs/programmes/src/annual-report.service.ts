import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { fail, toCsv } from '@app/core';
import { Actor, OrganisationEntity, OrganisationKind } from '@app/identity';
import { shanghaiYearRange } from './domain/calendar';
import { ExportFile, csvFile, pdfFile } from './export-file';
import { CjkPdf } from './pdf/cjk-pdf';
import { speaksForInstitution } from './programme-access';

const INSTITUTION_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.UNIVERSITY,
  OrganisationKind.RESEARCH_INSTITUTE,
  OrganisationKind.NEW_RD_INSTITUTION,
];

export interface AnnualContractRow {
  dealId: string;
  registrationNumber: string;
  contractType: string | null;
  enterpriseName: string;
  achievementTitle: string | null;
  contractValueWan: number;
  technicalIncomeWan: number;
  registeredAt: Date;
}

export interface AnnualRewardRow {
  applicationId: string;
  achievementTitle: string;
  registrationNumber: string;
  status: string;
  approvedAmountWan: number | null;
  paidAmountWan: number | null;
}

export interface InstitutionAnnualReport {
  institution: OrganisationEntity;
  year: number;
  registeredContracts: number;
  contractValueWan: number;
  technicalIncomeWan: number;
  contractsByType: Array<{ contractType: string; count: number; contractValueWan: number }>;
  contracts: AnnualContractRow[];
  rightsConfirmations: number;
  institutionOwnedConfirmations: number;
  listings: number;
  rewardApplications: number;
  rewardsApprovedWan: number;
  rewardsPaidWan: number;
  rewards: AnnualRewardRow[];
  followUpsAnswered: number;
  productsLaunched: number;
  attributedRevenueWan: number;
}

const wan = (value: string | number | null | undefined) => Math.round(Number(value ?? 0) * 10_000) / 10_000;

/**
 * The institution's annual report of technology transfer (科技成果转化年度报告) for a Shanghai year: registered
 * contracts and amounts, rights confirmations, listings, rewards to teams and reported outcomes. Administrators
 * and the institution's TTO; NOT_FOUND for everyone else.
 */
@Injectable()
export class AnnualReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(actor: Actor, institutionId: string, year: number): Promise<InstitutionAnnualReport> {
    const institution = await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: institutionId });
    if (
      !institution ||
      !INSTITUTION_KINDS.includes(institution.kind) ||
      !(actor.isAdmin || speaksForInstitution(actor, institutionId))
    )
      throw fail('INSTITUTION_NOT_FOUND', { id: institutionId });
    const { from, to } = shanghaiYearRange(year);
    const params = [institutionId, from, to];
    const contracts = await this.dataSource.query<Array<Record<string, string | null>>>(
      `SELECT d.id, d.registration_number, d.contract_type::text AS contract_type, o.name AS enterprise_name,
              a.title AS achievement_title, d.contract_value_wan, d.technical_income_wan, d.registered_at
       FROM deals d
       LEFT JOIN organisations o ON o.id = d.demand_organisation_id
       LEFT JOIN achievements a ON d.target_type = 'ACHIEVEMENT' AND a.id = d.target_id
       WHERE d.target_organisation_id = $1 AND d.registered_at >= $2 AND d.registered_at < $3
       ORDER BY d.registered_at, d.id`,
      params,
    );
    const rows: AnnualContractRow[] = contracts.map((row) => ({
      dealId: row.id!,
      registrationNumber: row.registration_number ?? '',
      contractType: row.contract_type,
      enterpriseName: row.enterprise_name ?? '',
      achievementTitle: row.achievement_title,
      contractValueWan: wan(row.contract_value_wan),
      technicalIncomeWan: wan(row.technical_income_wan),
      registeredAt: new Date(row.registered_at!),
    }));
    const byType = new Map<string, { count: number; contractValueWan: number }>();
    for (const row of rows) {
      const entry = byType.get(row.contractType ?? '') ?? { count: 0, contractValueWan: 0 };
      entry.count += 1;
      entry.contractValueWan = wan(entry.contractValueWan + row.contractValueWan);
      byType.set(row.contractType ?? '', entry);
    }
    const [confirmations] = await this.dataSource.query<Array<{ total: string; owned: string }>>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE a.institution_owned) AS owned FROM achievements a
       WHERE a.institution_id = $1 AND EXISTS (SELECT 1 FROM achievement_transitions t WHERE t.achievement_id = a.id
         AND t.to_status = 'RIGHTS_CONFIRMED' AND t.created_at >= $2 AND t.created_at < $3)`,
      params,
    );
    const [listings] = await this.dataSource.query<Array<{ total: string }>>(
      `SELECT count(*) AS total FROM achievements a WHERE a.institution_id = $1 AND a.listed_at >= $2 AND a.listed_at < $3`,
      params,
    );
    const rewards = await this.dataSource.query<Array<Record<string, string | null>>>(
      `SELECT r.id, r.prefill->'achievement'->>'title' AS title, r.registration_number, r.status::text AS status,
              r.approved_amount_wan, r.paid_amount_wan
       FROM reward_applications r WHERE r.institution_id = $1 AND r.award_year = $2 ORDER BY r.registered_at, r.id`,
      [institutionId, year],
    );
    const rewardRows: AnnualRewardRow[] = rewards.map((row) => ({
      applicationId: row.id!,
      achievementTitle: row.title ?? '',
      registrationNumber: row.registration_number ?? '',
      status: row.status!,
      approvedAmountWan: row.approved_amount_wan === null ? null : wan(row.approved_amount_wan),
      paidAmountWan: row.paid_amount_wan === null ? null : wan(row.paid_amount_wan),
    }));
    const [outcomes] = await this.dataSource.query<
      Array<{ answered: string; products: string; revenue: string | null }>
    >(
      `SELECT count(*) AS answered, count(*) FILTER (WHERE latest.product_launched) AS products, sum(latest.revenue_wan) AS revenue
       FROM (SELECT DISTINCT ON (f.deal_id) f.product_launched, f.revenue_wan FROM outcome_follow_ups f
             WHERE f.institution_id = $1 AND f.status = 'ANSWERED' AND f.answered_at >= $2 AND f.answered_at < $3
             ORDER BY f.deal_id, f.months_after DESC) latest`,
      params,
    );
    return {
      institution,
      year,
      registeredContracts: rows.length,
      contractValueWan: wan(rows.reduce((sum, row) => sum + row.contractValueWan, 0)),
      technicalIncomeWan: wan(rows.reduce((sum, row) => sum + row.technicalIncomeWan, 0)),
      contractsByType: [...byType.entries()]
        .map(([contractType, entry]) => ({ contractType, ...entry }))
        .sort((a, b) => (a.contractType < b.contractType ? -1 : 1)),
      contracts: rows,
      rightsConfirmations: Number(confirmations?.total ?? 0),
      institutionOwnedConfirmations: Number(confirmations?.owned ?? 0),
      listings: Number(listings?.total ?? 0),
      rewardApplications: rewardRows.length,
      rewardsApprovedWan: wan(
        rewardRows
          .filter((row) => row.status === 'APPROVED' || row.status === 'PAID')
          .reduce((sum, row) => sum + (row.approvedAmountWan ?? 0), 0),
      ),
      rewardsPaidWan: wan(rewardRows.reduce((sum, row) => sum + (row.paidAmountWan ?? 0), 0)),
      rewards: rewardRows,
      followUpsAnswered: Number(outcomes?.answered ?? 0),
      productsLaunched: Number(outcomes?.products ?? 0),
      attributedRevenueWan: wan(outcomes?.revenue),
    };
  }

  /** One CSV: the summary lines, then the contracts, then the rewards (UTF-8 with BOM). */
  async csv(actor: Actor, institutionId: string, year: number): Promise<ExportFile> {
    const r = await this.report(actor, institutionId, year);
    const lines: Array<Array<string | number | null>> = [
      ['年度', r.year],
      ['机构', r.institution.name],
      ['登记技术合同（项）', r.registeredContracts],
      ['合同金额（万元）', r.contractValueWan],
      ['技术性收入（万元）', r.technicalIncomeWan],
      ['赋权/确权成果（项）', r.rightsConfirmations],
      ['其中学校所有（项）', r.institutionOwnedConfirmations],
      ['上架成果（项）', r.listings],
      ['奖励申请（项）', r.rewardApplications],
      ['获批奖励（万元）', r.rewardsApprovedWan],
      ['已发放奖励（万元）', r.rewardsPaidWan],
      ['成效跟踪已回复（项）', r.followUpsAnswered],
      ['产品上市（项）', r.productsLaunched],
      ['可归属收入（万元）', r.attributedRevenueWan],
      [],
      ['合同登记号', '合同类型', '受让方', '成果', '合同金额（万元）', '技术性收入（万元）', '登记日期'],
      ...r.contracts.map((c) => [
        c.registrationNumber,
        c.contractType,
        c.enterpriseName,
        c.achievementTitle,
        c.contractValueWan,
        c.technicalIncomeWan,
        c.registeredAt.toISOString().slice(0, 10),
      ]),
      [],
      ['奖励申请', '合同登记号', '状态', '获批（万元）', '已发放（万元）'],
      ...r.rewards.map((w) => [
        w.achievementTitle,
        w.registrationNumber,
        w.status,
        w.approvedAmountWan,
        w.paidAmountWan,
      ]),
    ];
    return csvFile(
      `科技成果转化年度报告-${r.institution.name}-${year}.csv`,
      toCsv(['科技成果转化年度报告', ''], lines),
    );
  }

  async pdf(actor: Actor, institutionId: string, year: number): Promise<ExportFile> {
    const r = await this.report(actor, institutionId, year);
    const pdf = new CjkPdf({ title: `${r.institution.name} ${year} 年度科技成果转化年度报告` })
      .title(`${r.institution.name}\n${year} 年度科技成果转化年度报告`)
      .heading('概况')
      .keyValues([
        ['登记技术合同', `${r.registeredContracts} 项`],
        ['合同金额', `${r.contractValueWan} 万元`],
        ['技术性收入', `${r.technicalIncomeWan} 万元`],
        ['赋权/确权成果', `${r.rightsConfirmations} 项（其中学校所有 ${r.institutionOwnedConfirmations} 项）`],
        ['上架成果', `${r.listings} 项`],
        [
          '奖励团队',
          `${r.rewardApplications} 项申请，获批 ${r.rewardsApprovedWan} 万元，已发放 ${r.rewardsPaidWan} 万元`,
        ],
        [
          '转化成效',
          `${r.followUpsAnswered} 项回复，${r.productsLaunched} 项产品上市，可归属收入 ${r.attributedRevenueWan} 万元`,
        ],
      ])
      .heading('登记技术合同')
      .table(
        [
          { header: '登记号', width: 2.2 },
          { header: '类型', width: 1.2 },
          { header: '受让方', width: 2.5 },
          { header: '成果', width: 2.5 },
          { header: '金额（万元）', width: 1.4, align: 'right' },
          { header: '日期', width: 1.6 },
        ],
        r.contracts.map((c) => [
          c.registrationNumber,
          c.contractType,
          c.enterpriseName,
          c.achievementTitle,
          c.contractValueWan,
          c.registeredAt.toISOString().slice(0, 10),
        ]),
      )
      .heading('团队奖励')
      .table(
        [
          { header: '成果', width: 3 },
          { header: '登记号', width: 2 },
          { header: '状态', width: 1.2 },
          { header: '获批（万元）', width: 1.4, align: 'right' },
          { header: '发放（万元）', width: 1.4, align: 'right' },
        ],
        r.rewards.map((w) => [
          w.achievementTitle,
          w.registrationNumber,
          w.status,
          w.approvedAmountWan,
          w.paidAmountWan,
        ]),
      );
    return pdfFile(`科技成果转化年度报告-${r.institution.name}-${year}.pdf`, await pdf.toBuffer());
  }
}
