import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, badInput, notFound } from '@app/core';
import { Actor, UserEntity } from '@app/identity';
import { DataSource } from 'typeorm';
import { DigestPreferenceEntity } from './digest-preference.entity';
import {
  DEFAULT_CHANNELS,
  DEFAULT_DAY_OF_WEEK,
  DEFAULT_HOUR,
  DEFAULT_TIME_ZONE,
  DigestSettings,
  isValidTimeZone,
  languageOfLocale,
} from './domain/digest-defaults';
import { DigestChannel, DigestFrequency, DigestLanguage } from './domain/digest-enums';
import { deriveKey, signUnsubscribeToken, verifyUnsubscribeToken } from './domain/signed-token';

export interface PreferencesChange {
  enabled?: boolean;
  frequency?: DigestFrequency;
  channels?: DigestChannel[];
  dayOfWeek?: number;
  hour?: number;
  timeZone?: string;
  /** Null: follow the account's locale again. */
  language?: DigestLanguage | null;
  topicIndustries?: string[];
  topicKeywords?: string[];
}

/** What the one-click link may switch to. */
export enum UnsubscribeChoice {
  OFF = 'OFF',
  WEEKLY = 'WEEKLY',
  MONTHLY = 'MONTHLY',
}

@Injectable()
export class DigestPreferencesService {
  private readonly unsubscribeKey: Buffer;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.unsubscribeKey = deriveKey(config.DIGEST_SIGNING_SECRET ?? config.JWT_SECRET, 'unsubscribe');
  }

  /** A user's effective settings (defaults where no row exists); null when the user is gone. */
  async settingsFor(userId: string): Promise<DigestSettings | null> {
    return (await this.settingsForUsers([userId])).get(userId) ?? null;
  }

  /** Effective settings of many users in one query; users that are gone are missing from the map. */
  async settingsForUsers(userIds: readonly string[]): Promise<Map<string, DigestSettings>> {
    const rows: Array<{ id: string; locale: string; p_user_id: string | null } & Partial<Record<string, unknown>>> =
      await this.dataSource.query(
        `SELECT u.id, u.locale, p.user_id AS p_user_id, p.enabled, p.frequency, p.channels::text[] AS channels,
                p.day_of_week, p.hour, p.time_zone, p.language, p.topic_industries, p.topic_keywords
         FROM users u LEFT JOIN digest_preferences p ON p.user_id = u.id WHERE u.id = ANY($1::uuid[])`,
        [userIds],
      );
    return new Map(rows.map((row) => [row.id, settingsOfRow(row)]));
  }

  async get(actor: Actor): Promise<DigestSettings> {
    const settings = await this.settingsFor(actor.userId);
    if (!settings) throw notFound('User', actor.userId);
    return settings;
  }

  async update(actor: Actor, change: PreferencesChange): Promise<DigestSettings> {
    if (change.timeZone !== undefined) await this.assertTimeZone(change.timeZone);
    if (change.channels) change.channels = [...new Set(change.channels)];
    if (change.topicIndustries) change.topicIndustries = unique(change.topicIndustries);
    if (change.topicKeywords) change.topicKeywords = unique(change.topicKeywords);
    await this.write(actor.userId, change);
    return this.get(actor);
  }

  /** The token of the one-click links in a user's emails. */
  unsubscribeToken(userId: string): string {
    return signUnsubscribeToken(this.unsubscribeKey, userId);
  }

  /** Applies a one-click link (no login): OFF stops digests, WEEKLY/MONTHLY switch frequency and turn them on. */
  /** The user an unsubscribe token names; BAD_USER_INPUT when it is forged, expired or names nobody. */
  async unsubscribeTokenUser(token: string): Promise<string> {
    const userId = verifyUnsubscribeToken(this.unsubscribeKey, token);
    if (!userId) throw badInput('This unsubscribe link is invalid', { field: 'token' });
    const exists = await this.dataSource.getRepository(UserEntity).existsBy({ id: userId });
    if (!exists) throw badInput('This unsubscribe link is invalid', { field: 'token' });
    return userId;
  }

  async applyUnsubscribe(
    token: string,
    choice: UnsubscribeChoice,
  ): Promise<{ userId: string; settings: DigestSettings }> {
    const userId = await this.unsubscribeTokenUser(token);
    await this.write(
      userId,
      choice === UnsubscribeChoice.OFF
        ? { enabled: false }
        : { enabled: true, frequency: choice as unknown as DigestFrequency },
    );
    return { userId, settings: (await this.settingsFor(userId))! };
  }

  /** Upsert: the first write creates the row with the defaults for everything not given. */
  private async write(userId: string, change: PreferencesChange): Promise<void> {
    const values = Object.fromEntries(
      Object.entries(change).filter(([, value]) => value !== undefined),
    ) as Partial<DigestPreferenceEntity>;
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(DigestPreferenceEntity)
      .values({ userId, ...values })
      .orIgnore()
      .execute();
    if (Object.keys(values).length > 0) {
      await this.dataSource.getRepository(DigestPreferenceEntity).update({ userId }, values);
    }
  }

  /** Intl and PostgreSQL must both know the zone (the planner converts in SQL). */
  private async assertTimeZone(timeZone: string): Promise<void> {
    const known =
      isValidTimeZone(timeZone) &&
      (await this.dataSource.query<unknown[]>('SELECT 1 FROM pg_timezone_names WHERE name = $1', [timeZone])).length >
        0;
    if (!known)
      throw badInput(`Unknown time zone "${timeZone}" (use an IANA name such as Asia/Shanghai)`, { field: 'timeZone' });
  }
}

/** A users row LEFT JOINed with digest_preferences: the stored settings, or the defaults when there is no row. */
function settingsOfRow(
  row: { locale: string; p_user_id: string | null } & Partial<Record<string, unknown>>,
): DigestSettings {
  if (!row.p_user_id) {
    return {
      enabled: true,
      frequency: DigestFrequency.WEEKLY,
      channels: [...DEFAULT_CHANNELS],
      dayOfWeek: DEFAULT_DAY_OF_WEEK,
      hour: DEFAULT_HOUR,
      timeZone: DEFAULT_TIME_ZONE,
      language: languageOfLocale(row.locale),
      languageChosen: false,
      topicIndustries: [],
      topicKeywords: [],
    };
  }
  const language = row.language as DigestLanguage | null;
  return {
    enabled: row.enabled as boolean,
    frequency: row.frequency as DigestFrequency,
    channels: row.channels as DigestChannel[],
    dayOfWeek: row.day_of_week as number,
    hour: row.hour as number,
    timeZone: row.time_zone as string,
    language: language ?? languageOfLocale(row.locale),
    languageChosen: language !== null,
    topicIndustries: row.topic_industries as string[],
    topicKeywords: row.topic_keywords as string[],
  } satisfies DigestSettings;
}

const unique = (values: string[]) => [
  ...new Set(values.map((value) => value.trim()).filter((value) => value.length > 0)),
];
