import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/core';
import { Actor } from '@app/identity';
import { BrokerCredentialsService } from './broker-credentials.service';
import { CLAIM_HOLDS } from './claims.service';
import { DEFAULT_IDLE_REMINDER_DAYS } from './domain/claim-period';
import { DEAL_PATH, DealStage } from './domain/deal-workflow';

export interface BrokerPerformance {
  openClaims: number;
  introductionsProposed: number;
  introductionsAccepted: number;
  introductionsDeclined: number;
  acceptanceRate: number | null;
  dealsByStage: Array<{ stage: DealStage; count: number }>;
  idleDeals: number;
  registeredContracts: number;
  contractValueWan: number;
  technicalIncomeWan: number;
  commissionWan: number;
}

/** A broker's own figures ("my performance"): four aggregate queries over their own rows. */
@Injectable()
export class PerformanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: BrokerCredentialsService,
    private readonly clock: Clock,
  ) {}

  async mine(actor: Actor): Promise<BrokerPerformance> {
    await this.credentials.activeAgencyOf(actor);
    const me = actor.userId;
    const now = this.clock.now();
    const [claims] = await this.dataSource.query<Array<{ open: number }>>(
      `SELECT COUNT(*)::int AS open FROM match_claims c WHERE c.broker_id = $1 AND ${CLAIM_HOLDS.replaceAll(':now', '$2')}`,
      [me, now],
    );
    const [intros] = await this.dataSource.query<Array<{ proposed: number; accepted: number; declined: number }>>(
      `SELECT COUNT(*)::int AS proposed,
              COUNT(*) FILTER (WHERE status = 'ACCEPTED')::int AS accepted,
              COUNT(*) FILTER (WHERE status = 'DECLINED')::int AS declined
         FROM introductions WHERE broker_id = $1`,
      [me],
    );
    const stages = await this.dataSource.query<Array<{ stage: DealStage; count: number }>>(
      `SELECT stage, COUNT(*)::int AS count FROM deals WHERE broker_id = $1 GROUP BY stage`,
      [me],
    );
    const [totals] = await this.dataSource.query<
      Array<{
        registered: number;
        value: string | null;
        income: string | null;
        commission: string | null;
        idle: number;
      }>
    >(
      `SELECT COUNT(*) FILTER (WHERE d.registered_at IS NOT NULL AND d.stage <> 'CLOSED_LOST')::int AS registered,
              SUM(d.contract_value_wan) FILTER (WHERE d.registered_at IS NOT NULL AND d.stage <> 'CLOSED_LOST') AS value,
              SUM(d.technical_income_wan) FILTER (WHERE d.registered_at IS NOT NULL AND d.stage <> 'CLOSED_LOST') AS income,
              SUM(d.commission_wan) FILTER (WHERE d.registered_at IS NOT NULL AND d.stage <> 'CLOSED_LOST') AS commission,
              COUNT(*) FILTER (WHERE d.stage NOT IN ('CLOSED_WON', 'CLOSED_LOST') AND d.on_hold_since IS NULL
                AND d.last_activity_at <= CAST($2 AS timestamptz)
                  - make_interval(days => COALESCE(s.idle_reminder_days, $3)))::int AS idle
         FROM deals d LEFT JOIN broker_agency_settings s ON s.agency_id = d.agency_id
        WHERE d.broker_id = $1`,
      [me, now.toISOString(), DEFAULT_IDLE_REMINDER_DAYS],
    );
    const decided = intros.accepted + intros.declined;
    const order = [...DEAL_PATH, DealStage.CLOSED_LOST];
    return {
      openClaims: claims.open,
      introductionsProposed: intros.proposed,
      introductionsAccepted: intros.accepted,
      introductionsDeclined: intros.declined,
      acceptanceRate: decided > 0 ? intros.accepted / decided : null,
      dealsByStage: order.map((stage) => ({ stage, count: stages.find((row) => row.stage === stage)?.count ?? 0 })),
      idleDeals: totals.idle,
      registeredContracts: totals.registered,
      contractValueWan: Number(totals.value ?? 0),
      technicalIncomeWan: Number(totals.income ?? 0),
      commissionWan: Number(totals.commission ?? 0),
    };
  }
}
