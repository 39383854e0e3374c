import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn, Relation, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@app/identity';
import { DigestChannel, DigestFrequency, DigestLanguage } from './domain/digest-enums';

/**
 * A user's digest settings. A user without a row has the defaults (see domain/digest-defaults.ts): the planner
 * reads users LEFT JOIN this table, so nobody needs a row to get a digest.
 */
@Entity('digest_preferences')
export class DigestPreferenceEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @OneToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ type: 'enum', enum: DigestFrequency, enumName: 'digest_frequency', default: DigestFrequency.WEEKLY })
  frequency: DigestFrequency;

  @Column({
    type: 'enum',
    enum: DigestChannel,
    enumName: 'digest_preference_channel',
    array: true,
    default: '{EMAIL,IN_APP}',
  })
  channels: DigestChannel[];

  /** ISO day of week, 1 = Monday … 7 = Sunday, in `timeZone`. */
  @Column({ type: 'smallint', default: 1 })
  dayOfWeek: number;

  /** Hour of day 0–23 in `timeZone`. */
  @Column({ type: 'smallint', default: 9 })
  hour: number;

  /** IANA time zone name, e.g. Asia/Shanghai. */
  @Column({ type: 'text', default: 'Asia/Shanghai' })
  timeZone: string;

  /** Null: follow the user's locale. */
  @Column({ type: 'enum', enum: DigestLanguage, enumName: 'digest_preference_language', nullable: true })
  language: DigestLanguage | null;

  /** Industry codes (brokers: the industries whose matches they get). */
  @Column({ type: 'text', array: true, default: '{}' })
  topicIndustries: string[];

  /** Keywords a match's titles must contain (any of them), when given. */
  @Column({ type: 'text', array: true, default: '{}' })
  topicKeywords: string[];

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}
