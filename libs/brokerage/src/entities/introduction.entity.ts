import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { MatchTargetType } from '@app/matching';
import {
  IntroductionDeclineReason,
  IntroductionSide,
  IntroductionStatus,
  PartyAnswer,
} from '../domain/introduction-consent';

/**
 * A broker proposes that a demand's enterprise meets an achievement's team or an expert. Each side answers; when
 * both accepted and each side acknowledged confidentiality, contacts and confidential details are revealed.
 */
@Entity('introductions')
@Index('idx_introductions_pair', ['demandId', 'targetType', 'targetId'])
@Index('idx_introductions_broker', ['brokerId', 'createdAt'])
@Index('uq_introductions_open_pair', ['demandId', 'targetType', 'targetId'], {
  unique: true,
  where: "status IN ('PROPOSED', 'ACCEPTED')",
})
// The bureau's figures: introductions in a time range, and an achievement's first one (the funnel rollup).
@Index('idx_introductions_created', ['createdAt', 'status', 'demandId'])
@Index('idx_introductions_target', ['targetType', 'targetId', 'createdAt'])
export class IntroductionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  demandId: string;

  @Column({ type: 'enum', enum: MatchTargetType, enumName: 'brokerage_target_type' })
  targetType: MatchTargetType;

  @Column({ type: 'uuid' })
  targetId: string;

  /** The match it came from, when there is one. */
  @Index({ where: 'match_id IS NOT NULL' })
  @Column({ type: 'uuid', nullable: true })
  matchId: string | null;

  @Column({ type: 'uuid', nullable: true })
  claimId: string | null;

  @Column({ type: 'uuid' })
  brokerId: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  /** The enterprise (demand side) and the institution (target side), denormalised for access checks and analytics. */
  @Index()
  @Column({ type: 'uuid' })
  demandOrganisationId: string;

  @Index()
  @Column({ type: 'uuid' })
  targetOrganisationId: string;

  @Column({ type: 'text', default: '' })
  message: string;

  @Column({
    type: 'enum',
    enum: IntroductionStatus,
    enumName: 'introduction_status',
    default: IntroductionStatus.PROPOSED,
  })
  status: IntroductionStatus;

  @Column({ type: 'enum', enum: PartyAnswer, enumName: 'introduction_answer', nullable: true })
  demandAnswer: PartyAnswer | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  demandAnsweredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  demandAnsweredById: string | null;

  @Column({ type: 'enum', enum: PartyAnswer, enumName: 'introduction_answer', nullable: true })
  targetAnswer: PartyAnswer | null;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  targetAnsweredAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  targetAnsweredById: string | null;

  @Column({ type: 'enum', enum: IntroductionSide, enumName: 'introduction_side', nullable: true })
  declinedBySide: IntroductionSide | null;

  @Column({ type: 'enum', enum: IntroductionDeclineReason, enumName: 'introduction_decline_reason', nullable: true })
  declineReason: IntroductionDeclineReason | null;

  @Column({ type: 'text', nullable: true })
  declineComment: string | null;

  /** When both sides had accepted and acknowledged: details flow from then on. */
  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  revealedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

/** The click-through confidentiality acknowledgement of one person of one side. */
@Entity('introduction_acknowledgements')
@Unique('uq_introduction_acknowledgements_user', ['introductionId', 'userId'])
export class IntroductionAcknowledgementEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  introductionId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'enum', enum: IntroductionSide, enumName: 'introduction_side' })
  side: IntroductionSide;

  /** The wording the person agreed to (a version string), kept as evidence. */
  @Column({ type: 'text' })
  termsVersion: string;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  acknowledgedAt: Date;
}

export enum RevealedDetail {
  /** The counterpart's contact people (emails, phones). */
  CONTACTS = 'CONTACTS',
  DEMAND_CONFIDENTIAL = 'DEMAND_CONFIDENTIAL',
  EXPERT_CONTACT = 'EXPERT_CONTACT',
  ACHIEVEMENT_CONFIDENTIAL = 'ACHIEVEMENT_CONFIDENTIAL',
}

/** Append-only: each time contact or confidential details were shown to someone through an introduction. */
@Entity('introduction_reveals')
@Index('idx_introduction_reveals_introduction', ['introductionId', 'revealedAt'])
export class IntroductionRevealEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  introductionId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'enum', enum: RevealedDetail, enumName: 'introduction_revealed_detail' })
  detail: RevealedDetail;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  revealedAt: Date;
}

/** A decline reported back to the owner of the declined listing (until notifications carry it). */
@Entity('listing_feedback')
@Index('idx_listing_feedback_listing', ['listingType', 'listingId', 'createdAt'])
export class ListingFeedbackEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** ACHIEVEMENT, EXPERT or DEMAND: the listing that was declined. */
  @Column({ type: 'text' })
  listingType: string;

  @Column({ type: 'uuid' })
  listingId: string;

  /** Its owner organisation (who reads the feedback). */
  @Index()
  @Column({ type: 'uuid' })
  ownerOrganisationId: string;

  @Column({ type: 'uuid' })
  introductionId: string;

  @Column({ type: 'enum', enum: IntroductionDeclineReason, enumName: 'introduction_decline_reason' })
  reason: IntroductionDeclineReason;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
