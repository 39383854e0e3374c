import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  badInput,
  fail,
  PLATFORM_SETTING_KEYS,
  PlatformSettingsChangeEntity,
  PlatformSettingsEntity,
  PlatformSettingsValues,
  readPlatformSettings,
} from '@app/core';
import { Actor } from '@app/identity';

const YEAR_SECONDS = 365 * 86_400;

/** What a platform ADMIN may set each bound to (the bureau is trusted; the bounds only catch typing errors). */
const ADMIN_BOUNDS: Record<keyof PlatformSettingsValues, [number, number]> = {
  maxOpenClaimsPerBroker: [1, 10_000],
  maxOpenClaimsPerAgency: [1, 1_000_000],
  maxClaimPeriodSeconds: [1, YEAR_SECONDS],
  minPublicNoticeSeconds: [1, YEAR_SECONDS],
  minPriceNoticeSeconds: [1, YEAR_SECONDS],
};

/** The platform's bounds (claim caps, claim period, minimum notice periods): read by anyone signed in, set by ADMINs. */
@Injectable()
export class PlatformSettingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read(manager: EntityManager = this.dataSource.manager): Promise<PlatformSettingsValues> {
    return readPlatformSettings(manager);
  }

  /** A platform ADMIN changes them; each change is kept (who, when, before → after) in the same transaction. */
  async update(actor: Actor, input: Partial<PlatformSettingsValues>): Promise<PlatformSettingsValues> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    for (const key of PLATFORM_SETTING_KEYS) {
      const value = input[key];
      if (value === undefined || value === null) continue;
      const [min, max] = ADMIN_BOUNDS[key];
      if (!Number.isInteger(value) || value < min || value > max) {
        throw badInput(`${key} must be an integer from ${min} to ${max}`, { field: key });
      }
    }
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', ['platform-settings']);
      const current = await readPlatformSettings(manager);
      const next = { ...current };
      const before: Record<string, number> = {};
      const after: Record<string, number> = {};
      for (const key of PLATFORM_SETTING_KEYS) {
        const value = input[key];
        if (value === undefined || value === null || value === current[key]) continue;
        before[key] = current[key];
        after[key] = value;
        next[key] = value;
      }
      if (Object.keys(after).length === 0) return current;
      await manager.upsert(PlatformSettingsEntity, { id: 1, ...next, updatedById: actor.userId }, ['id']);
      await manager.insert(PlatformSettingsChangeEntity, { changedById: actor.userId, before, after });
      return next;
    });
  }

  async changes(actor: Actor, limit: number): Promise<PlatformSettingsChangeEntity[]> {
    if (!actor.isAdmin) throw fail('PLATFORM_ADMIN_REQUIRED');
    return this.dataSource.getRepository(PlatformSettingsChangeEntity).find({
      order: { changedAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }
}
