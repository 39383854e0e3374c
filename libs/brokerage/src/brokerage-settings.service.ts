import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { badInput, fail, forbidden, readPlatformSettings } from '@app/core';
import { Actor, Role } from '@app/identity';
import {
  DEFAULT_CLAIM_PERIOD_SECONDS,
  DEFAULT_IDLE_REMINDER_DAYS,
  DEFAULT_PRICE_NOTICE_PERIOD_SECONDS,
} from './domain/claim-period';
import { CommissionRule, DEFAULT_COMMISSION_RULE } from './domain/commission';
import { AgencySettingsValues, BrokerAgencySettingsChangeEntity } from './entities/agency-settings-change.entity';
import { BrokerAgencySettingsEntity, BrokerProfileEntity } from './entities/brokerage-settings.entity';

/** The settings whose changes the audit trail records. */
const AUDITED_SETTINGS = [
  'claimPeriodSeconds',
  'commissionPercent',
  'commissionMinWan',
  'commissionCapWan',
  'idleReminderDays',
  'priceNoticePeriodSeconds',
] as const satisfies ReadonlyArray<keyof BrokerAgencySettingsEntity>;

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

  /**
   * The agency's administrators (ORG_ADMIN) and platform administrators change its rules; every change is kept
   * in its audit trail (who, when, each changed value before and after), in the same transaction.
   */
  async updateAgencySettings(
    actor: Actor,
    agencyId: string,
    input: AgencySettingsInput,
  ): Promise<BrokerAgencySettingsEntity> {
    if (!actor.isOrgAdmin(agencyId)) {
      throw fail('ORGANISATION_ADMIN_REQUIRED');
    }
    return this.dataSource.transaction(async (manager) => {
      // Serialise changes of one agency, so each audit row's "before" is what the previous change left.
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`agency-settings:${agencyId}`]);
      const current = await this.agencySettings(agencyId, manager);
      // Within the platform's bounds: no year-long claims, no notice shorter than the bureau's minimum.
      const platform = await readPlatformSettings(manager);
      if (input.claimPeriodSeconds !== undefined && input.claimPeriodSeconds > platform.maxClaimPeriodSeconds) {
        throw fail('CLAIM_PERIOD_TOO_LONG', {
          field: 'claimPeriodSeconds',
          maxSeconds: platform.maxClaimPeriodSeconds,
        });
      }
      if (
        input.priceNoticePeriodSeconds !== undefined &&
        input.priceNoticePeriodSeconds < platform.minPriceNoticeSeconds
      ) {
        throw fail('NOTICE_PERIOD_TOO_SHORT', {
          field: 'priceNoticePeriodSeconds',
          minSeconds: platform.minPriceNoticeSeconds,
        });
      }
      const updated = await this.writeAgencySettings(manager, agencyId, current, input);
      const before: AgencySettingsValues = {};
      const after: AgencySettingsValues = {};
      for (const key of AUDITED_SETTINGS) {
        if (current[key] !== updated[key]) {
          before[key] = current[key];
          after[key] = updated[key];
        }
      }
      if (Object.keys(after).length > 0) {
        await manager.insert(BrokerAgencySettingsChangeEntity, { agencyId, changedById: actor.userId, before, after });
      }
      return updated;
    });
  }

  /** The audit trail of an agency's settings, newest first, for its administrators and platform administrators. */
  async agencySettingsChanges(
    actor: Actor,
    agencyId: string,
    limit: number,
  ): Promise<BrokerAgencySettingsChangeEntity[]> {
    if (!actor.isOrgAdmin(agencyId)) {
      throw fail('ORGANISATION_ADMIN_REQUIRED');
    }
    return this.dataSource.getRepository(BrokerAgencySettingsChangeEntity).find({
      where: { agencyId },
      order: { changedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  private async writeAgencySettings(
    manager: EntityManager,
    agencyId: string,
    current: BrokerAgencySettingsEntity,
    input: AgencySettingsInput,
  ): Promise<BrokerAgencySettingsEntity> {
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
    await manager.getRepository(BrokerAgencySettingsEntity).upsert(
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
    return this.agencySettings(agencyId, manager);
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
