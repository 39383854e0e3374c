import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, fail } from '@app/core';
import {
  AchievementEntity,
  AchievementInventorEntity,
  AchievementStatus,
  AchievementTransitionEntity,
  isOnTeam,
  RightsProposalEntity,
} from '@app/achievements';
import { DealActivityKind, DealEntity, DealsService } from '@app/brokerage';
import { FileOwnerKind, StoredFileEntity } from '@app/files';
import { Actor, OrganisationEntity } from '@app/identity';
import { MatchTargetType } from '@app/matching';
import { ExchangeHandoffEntity, ExchangeResult, HandoffSource, HandoffStatus } from './entities/handoff.entities';
import { ExportFile, jsonFile, pdfFile } from './export-file';
import { CjkPdf } from './pdf/cjk-pdf';
import { speaksForInstitution } from './programme-access';

/** Achievements whose rights are settled for a transfer (赋权 confirmed, or institution-owned). */
const HANDOFF_STATUSES: readonly AchievementStatus[] = [
  AchievementStatus.RIGHTS_CONFIRMED,
  AchievementStatus.LISTED,
  AchievementStatus.IN_NEGOTIATION,
  AchievementStatus.TRANSFERRED,
];

export const HANDOFF_SCHEMA = 'techtransfer.exchange-handoff/1';

/** The package's document (the JSON handed to the exchange). */
export interface HandoffPackage {
  schema: typeof HANDOFF_SCHEMA;
  generatedAt: string;
  source: HandoffSource;
  achievement: {
    id: string;
    title: string;
    summary: string;
    industryCode: string | null;
    trl: number | null;
    ipType: string | null;
    ipRegistrationNumbers: string[];
    transferModes: string[];
    institution: { id: string; name: string };
    inventors: Array<{ name: string; contributionShare: number }>;
  };
  rightsConfirmation: {
    status: string;
    institutionOwned: boolean;
    proposal: {
      kind: string;
      teamSharePercent: number | null;
      useRightYears: number | null;
      agreementSignedAt: string | null;
    } | null;
    record: Array<{ event: string; toStatus: string | null; at: string }>;
    documents: Array<{ name: string; sha256: string | null }>;
  };
  price: {
    askingPriceWan: number | null;
    agreedPriceWan: number | null;
    priceNotice: { status: string; round: number; startsAt: string | null; endsAt: string | null } | null;
  };
  contract: {
    dealId: string;
    registrationNumber: string | null;
    contractType: string | null;
    contractValueWan: number | null;
    technicalIncomeWan: number | null;
    registeredAt: string | null;
    enterprise: { id: string; name: string } | null;
    documents: Array<{ name: string; sha256: string }>;
  } | null;
}

/**
 * The hand-off to the provincial technology-property exchange (进场交易): a package (JSON and PDF) from a listing
 * or a deal, and the exchange's listing number and result recorded back — on the deal's timeline too. Prepared
 * and updated by the institution's TTO (or, for a deal, its broker); seen by them, the achievement's team, the
 * deal's parties and administrators; NOT_FOUND for everyone else.
 */
@Injectable()
export class HandoffService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly deals: DealsService,
    private readonly clock: Clock,
  ) {}

  async prepare(
    actor: Actor,
    input: { achievementId?: string | null; dealId?: string | null },
  ): Promise<ExchangeHandoffEntity> {
    if (!!input.achievementId === !!input.dealId) throw fail('HANDOFF_SOURCE_REQUIRED', { field: 'achievementId' });
    return this.dataSource.transaction(async (manager) => {
      let deal: DealEntity | null = null;
      let achievementId: string;
      if (input.dealId) {
        deal = await this.deals.get(actor, input.dealId);
        if (!this.mayActOnDeal(actor, deal))
          throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'hand a deal to the exchange' });
        if (deal.targetType !== MatchTargetType.ACHIEVEMENT)
          throw fail('HANDOFF_NOT_ELIGIBLE', { field: 'dealId', currentStatus: 'EXPERT' });
        achievementId = deal.targetId;
      } else achievementId = input.achievementId!;
      const achievement = await manager.findOneBy(AchievementEntity, { id: achievementId });
      const inventors = achievement ? await manager.findBy(AchievementInventorEntity, { achievementId }) : [];
      if (
        !achievement ||
        !(
          deal ||
          actor.isAdmin ||
          speaksForInstitution(actor, achievement.institutionId) ||
          isOnTeam(actor, achievement, inventors)
        )
      )
        throw fail('ACHIEVEMENT_NOT_FOUND', { id: achievementId });
      if (!deal && !speaksForInstitution(actor, achievement.institutionId))
        throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: 'hand a listing to the exchange' });
      if (!achievement.institutionOwned && !HANDOFF_STATUSES.includes(achievement.status))
        throw fail('HANDOFF_NOT_ELIGIBLE', { field: 'achievementId', currentStatus: achievement.status });
      const document = await this.buildPackage(manager, achievement, inventors, deal);
      const handoff = await manager.save(
        manager.create(ExchangeHandoffEntity, {
          source: deal ? HandoffSource.DEAL : HandoffSource.LISTING,
          achievementId,
          dealId: deal?.id ?? null,
          institutionId: achievement.institutionId,
          preparedById: actor.userId,
          status: HandoffStatus.PREPARED,
          package: document as unknown as Record<string, unknown>,
        }),
      );
      if (deal)
        await this.deals.appendTimeline(
          manager,
          deal.id,
          actor.userId,
          DealActivityKind.EXCHANGE_HANDOFF,
          `进场交易材料已生成 / hand-off package ${handoff.id}`,
        );
      return handoff;
    });
  }

  async recordListing(actor: Actor, id: string, listingNumber: string): Promise<ExchangeHandoffEntity> {
    if (!listingNumber.trim()) throw fail('INVALID_FIELDS', { field: 'listingNumber', summary: 'listingNumber' });
    return this.dataSource.transaction(async (manager) => {
      const handoff = await this.lockForUpdate(manager, actor, id);
      if (handoff.status !== HandoffStatus.PREPARED)
        throw fail('HANDOFF_WRONG_STATUS', { currentStatus: handoff.status });
      handoff.status = HandoffStatus.LISTED;
      handoff.exchangeListingNumber = listingNumber.trim();
      handoff.listedAt = this.clock.now();
      if (handoff.dealId)
        await this.deals.appendTimeline(
          manager,
          handoff.dealId,
          actor.userId,
          DealActivityKind.EXCHANGE_RESULT,
          `交易所挂牌编号 / exchange listing: ${handoff.exchangeListingNumber}`,
        );
      return manager.save(handoff);
    });
  }

  async recordResult(
    actor: Actor,
    id: string,
    input: { result: ExchangeResult; priceWan?: number | null; note?: string | null },
  ): Promise<ExchangeHandoffEntity> {
    return this.dataSource.transaction(async (manager) => {
      const handoff = await this.lockForUpdate(manager, actor, id);
      if (handoff.status !== HandoffStatus.LISTED)
        throw fail('HANDOFF_WRONG_STATUS', { currentStatus: handoff.status });
      handoff.status = HandoffStatus.CLOSED;
      handoff.result = input.result;
      handoff.resultPriceWan = input.priceWan ?? null;
      handoff.resultNote = input.note?.trim() || null;
      handoff.resultRecordedAt = this.clock.now();
      if (handoff.dealId) {
        const price = handoff.resultPriceWan !== null ? ` ${handoff.resultPriceWan} 万元` : '';
        await this.deals.appendTimeline(
          manager,
          handoff.dealId,
          actor.userId,
          DealActivityKind.EXCHANGE_RESULT,
          `交易所结果 / exchange result: ${input.result}${price} (${handoff.exchangeListingNumber})`,
        );
      }
      return manager.save(handoff);
    });
  }

  async get(actor: Actor, id: string): Promise<ExchangeHandoffEntity> {
    const handoff = await this.dataSource.getRepository(ExchangeHandoffEntity).findOneBy({ id });
    if (!handoff || !(await this.maySee(actor, handoff))) throw fail('EXCHANGE_HANDOFF_NOT_FOUND', { id });
    return handoff;
  }

  /** The hand-offs of a deal or an achievement the actor may see, newest first. */
  async list(
    actor: Actor,
    filter: { dealId?: string | null; achievementId?: string | null },
  ): Promise<ExchangeHandoffEntity[]> {
    if (!filter.dealId && !filter.achievementId) throw fail('HANDOFF_SOURCE_REQUIRED', { field: 'achievementId' });
    const rows = await this.dataSource.getRepository(ExchangeHandoffEntity).find({
      where: filter.dealId ? { dealId: filter.dealId } : { achievementId: filter.achievementId! },
      order: { createdAt: 'DESC' },
      take: 100,
    });
    const visible: ExchangeHandoffEntity[] = [];
    for (const row of rows) if (await this.maySee(actor, row)) visible.push(row);
    return visible;
  }

  packageJson(handoff: ExchangeHandoffEntity): ExportFile {
    return jsonFile(`进场交易材料-${handoff.id}.json`, handoff.package);
  }

  async packagePdf(handoff: ExchangeHandoffEntity): Promise<ExportFile> {
    const doc = handoff.package as unknown as HandoffPackage;
    const a = doc.achievement;
    const pdf = new CjkPdf({ title: `进场交易材料：${a.title}` })
      .title('科技成果进场交易材料')
      .heading('一、成果')
      .keyValues([
        ['成果名称', a.title],
        ['完成单位', a.institution.name],
        ['摘要', a.summary],
        ['知识产权类型', a.ipType],
        ['知识产权号', a.ipRegistrationNumbers.join('、') || null],
        ['技术成熟度', a.trl],
        ['转化方式', a.transferModes.join('、') || null],
        ['完成人（贡献比例）', a.inventors.map((i) => `${i.name}（${i.contributionShare}%）`).join('、') || null],
      ])
      .heading('二、赋权确权')
      .keyValues([
        ['状态', doc.rightsConfirmation.status],
        ['学校所有', doc.rightsConfirmation.institutionOwned ? '是' : '否'],
        ['团队份额', doc.rightsConfirmation.proposal?.teamSharePercent ?? null],
        ['赋权协议签署', doc.rightsConfirmation.proposal?.agreementSignedAt ?? null],
      ]);
    if (doc.rightsConfirmation.record.length)
      pdf.table(
        [
          { header: '步骤', width: 2 },
          { header: '状态', width: 2 },
          { header: '时间', width: 3 },
        ],
        doc.rightsConfirmation.record.map((step) => [step.event, step.toStatus, step.at]),
      );
    pdf.heading('三、价格').keyValues([
      ['挂牌价（万元）', doc.price.askingPriceWan],
      ['协议价（万元）', doc.price.agreedPriceWan],
      [
        '协议定价公示',
        doc.price.priceNotice
          ? `${doc.price.priceNotice.status}（第 ${doc.price.priceNotice.round} 轮，${doc.price.priceNotice.startsAt} 至 ${doc.price.priceNotice.endsAt}）`
          : null,
      ],
    ]);
    if (doc.contract) {
      pdf.heading('四、合同').keyValues([
        ['登记号', doc.contract.registrationNumber],
        ['合同类型', doc.contract.contractType],
        ['合同金额（万元）', doc.contract.contractValueWan],
        ['技术性收入（万元）', doc.contract.technicalIncomeWan],
        ['登记时间', doc.contract.registeredAt],
        ['受让方', doc.contract.enterprise?.name ?? null],
        ['合同文件', doc.contract.documents.map((d) => d.name).join('、') || null],
      ]);
    }
    pdf.heading('交易所反馈').keyValues([
      ['挂牌编号', handoff.exchangeListingNumber],
      ['结果', handoff.result],
      ['成交价（万元）', handoff.resultPriceWan],
    ]);
    pdf.paragraph(`生成时间 ${doc.generatedAt} · ${doc.schema}`, 8);
    return pdfFile(`进场交易材料-${handoff.id}.pdf`, await pdf.toBuffer());
  }

  // ---- internals ----

  private mayActOnDeal(actor: Actor, deal: DealEntity): boolean {
    return deal.brokerId === actor.userId || speaksForInstitution(actor, deal.targetOrganisationId);
  }

  private async maySee(actor: Actor, handoff: ExchangeHandoffEntity): Promise<boolean> {
    if (actor.isAdmin || speaksForInstitution(actor, handoff.institutionId) || handoff.preparedById === actor.userId)
      return true;
    const achievement = await this.dataSource.getRepository(AchievementEntity).findOneBy({ id: handoff.achievementId });
    if (achievement) {
      const inventors = await this.dataSource
        .getRepository(AchievementInventorEntity)
        .findBy({ achievementId: achievement.id });
      if (isOnTeam(actor, achievement, inventors)) return true;
    }
    if (handoff.dealId) return (await this.deals.visibleByIds(actor, [handoff.dealId])).length > 0;
    return false;
  }

  private async lockForUpdate(manager: EntityManager, actor: Actor, id: string): Promise<ExchangeHandoffEntity> {
    const handoff = await manager.findOne(ExchangeHandoffEntity, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!handoff || !(await this.maySee(actor, handoff))) throw fail('EXCHANGE_HANDOFF_NOT_FOUND', { id });
    let mayAct = speaksForInstitution(actor, handoff.institutionId);
    if (!mayAct && handoff.dealId) {
      const deal = await manager.findOneBy(DealEntity, { id: handoff.dealId });
      mayAct = !!deal && deal.brokerId === actor.userId;
    }
    if (!mayAct) throw fail('PROGRAMME_ACTION_FORBIDDEN', { action: "record the exchange's answer" });
    return handoff;
  }

  private async buildPackage(
    manager: EntityManager,
    achievement: AchievementEntity,
    inventors: AchievementInventorEntity[],
    deal: DealEntity | null,
  ): Promise<HandoffPackage> {
    const institution = await manager.findOneBy(OrganisationEntity, { id: achievement.institutionId });
    const proposal = await manager.findOneBy(RightsProposalEntity, { achievementId: achievement.id });
    const record = await manager.find(AchievementTransitionEntity, {
      where: { achievementId: achievement.id },
      order: { createdAt: 'ASC' },
      take: 100,
    });
    const enterprise = deal ? await manager.findOneBy(OrganisationEntity, { id: deal.demandOrganisationId }) : null;
    const dealDocuments = deal
      ? await manager.find(StoredFileEntity, {
          where: { ownerKind: FileOwnerKind.DEAL_DOCUMENT, ownerId: deal.id },
          order: { createdAt: 'ASC' },
        })
      : [];
    return {
      schema: HANDOFF_SCHEMA,
      generatedAt: this.clock.now().toISOString(),
      source: deal ? HandoffSource.DEAL : HandoffSource.LISTING,
      achievement: {
        id: achievement.id,
        title: achievement.title,
        summary: achievement.summary,
        industryCode: achievement.industryCode,
        trl: achievement.trl,
        ipType: achievement.ipType,
        ipRegistrationNumbers: achievement.ipRegistrationNumbers,
        transferModes: achievement.transferModes,
        institution: { id: achievement.institutionId, name: institution?.name ?? '' },
        inventors: [...inventors]
          .sort((x, y) => x.position - y.position)
          .map((inventor) => ({ name: inventor.name, contributionShare: Number(inventor.contributionShare) })),
      },
      rightsConfirmation: {
        status: achievement.status,
        institutionOwned: achievement.institutionOwned,
        proposal: proposal
          ? {
              kind: proposal.kind,
              teamSharePercent: proposal.teamSharePercent,
              useRightYears: proposal.useRightYears,
              agreementSignedAt: proposal.agreementSignedAt?.toISOString() ?? null,
            }
          : null,
        record: record.map((step) => ({
          event: step.event,
          toStatus: step.toStatus,
          at: step.createdAt.toISOString(),
        })),
        documents: (proposal?.agreementDocuments ?? []).map((document) => ({
          name: document.name,
          sha256: document.sha256,
        })),
      },
      price: {
        askingPriceWan: achievement.askingPriceWan,
        agreedPriceWan: deal?.agreedPriceWan ?? null,
        priceNotice:
          deal && deal.priceNoticeRound > 0
            ? {
                status: deal.priceNoticeStatus,
                round: deal.priceNoticeRound,
                startsAt: deal.priceNoticeStartsAt?.toISOString() ?? null,
                endsAt: deal.priceNoticeEndsAt?.toISOString() ?? null,
              }
            : null,
      },
      contract: deal
        ? {
            dealId: deal.id,
            registrationNumber: deal.registrationNumber,
            contractType: deal.contractType,
            contractValueWan: deal.contractValueWan,
            technicalIncomeWan: deal.technicalIncomeWan,
            registeredAt: deal.registeredAt?.toISOString() ?? null,
            enterprise: enterprise ? { id: enterprise.id, name: enterprise.name } : null,
            documents: dealDocuments.map((file) => ({ name: file.name, sha256: file.sha256 })),
          }
        : null,
    };
  }
}
