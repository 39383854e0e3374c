import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, forbidden } from '@app/core';
import { Actor, Role } from '@app/identity';
import {
  DEFAULT_CLAIM_PERIOD_SECONDS,
  DEFAULT_IDLE_REMINDER_DAYS,
  DEFAULT_PRICE_NOTICE_PERIOD_SECONDS,
} from './domain/claim-period';
import { CommissionRule, DEFAULT_COMMISSION_RULE } from './domain/commission';
import { BrokerAgencySettingsEntity, BrokerProfileEntity } from './entities/brokerage-settings.entity';

export interface AgencySettingsInput {
  claimPeriodSeconds?: number;
  commissionPercent?: number;
  commissionMinWan?: number | null;
  commissionCapWan?: number | null;
  idleReminderDays?: number;
  priceNoticePeriodSeconds?: number;
}

/** Agencies' rules and brokers' industries. */
@Injectable()
export class BrokerageSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async agencySettings(
    agencyId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<BrokerAgencySettingsEntity> {
    const row = await manager.findOneBy(BrokerAgencySettingsEntity, { agencyId });
    return (
      row ??
      manager.create(BrokerAgencySettingsEntity, {
        agencyId,
        claimPeriodSeconds: DEFAULT_CLAIM_PERIOD_SECONDS,
        commissionPercent: DEFAULT_COMMISSION_RULE.percent,
        commissionMinWan: null,
        commissionCapWan: null,
        idleReminderDays: DEFAULT_IDLE_REMINDER_DAYS,
        priceNoticePeriodSeconds: DEFAULT_PRICE_NOTICE_PERIOD_SECONDS,
      })
    );
  }

  /** Brokers of the agency and administrators read its rules. */
  async agencySettingsFor(actor: Actor, agencyId: string): Promise<BrokerAgencySettingsEntity> {
    if (!actor.isAdmin && !actor.hasRole(Role.BROKER, agencyId)) {
      throw forbidden('Only brokers of the agency and administrators see its settings');
    }
    return this.agencySettings(agencyId);
  }

  commissionRule(settings: BrokerAgencySettingsEntity): CommissionRule {
    return {
      percent: settings.commissionPercent,
      minWan: settings.commissionMinWan,
      capWan: settings.commissionCapWan,
    };
  }

  /** Brokers of the agency and administrators change its rules. */
  async updateAgencySettings(
    actor: Actor,
    agencyId: string,
    input: AgencySettingsInput,
  ): Promise<BrokerAgencySettingsEntity> {
    if (!actor.isAdmin && !actor.hasRole(Role.BROKER, agencyId)) {
      throw forbidden('Only brokers of the agency and administrators change its settings');
    }
    const current = await this.agencySettings(agencyId);
    const next = {
      ...current,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      agencyId,
    };
    if (
      next.commissionMinWan !== null &&
      next.commissionCapWan !== null &&
      next.commissionMinWan > next.commissionCapWan
    ) {
      throw badInput('commissionMinWan must not exceed commissionCapWan', { field: 'commissionMinWan' });
    }
    await this.dataSource.getRepository(BrokerAgencySettingsEntity).upsert(
      {
        agencyId,
        claimPeriodSeconds: next.claimPeriodSeconds,
        commissionPercent: next.commissionPercent,
        commissionMinWan: next.commissionMinWan,
        commissionCapWan: next.commissionCapWan,
        idleReminderDays: next.idleReminderDays,
        priceNoticePeriodSeconds: next.priceNoticePeriodSeconds,
      },
      ['agencyId'],
    );
    return this.agencySettings(agencyId);
  }

  async profile(userId: string): Promise<BrokerProfileEntity> {
    const row = await this.dataSource.getRepository(BrokerProfileEntity).findOneBy({ userId });
    return row ?? this.dataSource.getRepository(BrokerProfileEntity).create({ userId, industryCodes: [] });
  }

  async setIndustries(actor: Actor, industryCodes: string[]): Promise<BrokerProfileEntity> {
    if (!actor.hasRole(Role.BROKER)) throw forbidden('Only brokers have a broker profile');
    const codes = [...new Set(industryCodes.map((code) => code.trim()).filter(Boolean))];
    if (codes.length > 0) {
      const known = await this.dataSource.query<Array<{ code: string }>>(
        'SELECT code FROM industries WHERE code = ANY($1)',
        [codes],
      );
      const unknown = codes.filter((code) => !known.some((row) => row.code === code));
      if (unknown.length > 0)
        throw badInput(`Unknown industry codes: ${unknown.join(', ')}`, { field: 'industryCodes' });
    }
    await this.dataSource
      .getRepository(BrokerProfileEntity)
      .upsert({ userId: actor.userId, industryCodes: codes }, ['userId']);
    return this.profile(actor.userId);
  }
}
