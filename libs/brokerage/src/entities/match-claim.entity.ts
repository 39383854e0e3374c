import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A broker's exclusive hold on a match. At most one unreleased claim per match (unique partial index: two
 * brokers claiming at once, one insert wins). An expired claim is released when someone claims again, unless
 * its introduction is still alive (the deal moved).
 */
@Entity('match_claims')
@Index('uq_match_claims_active', ['matchId'], { unique: true, where: 'released_at IS NULL' })
@Index('idx_match_claims_broker', ['brokerId', 'claimedAt'])
export class MatchClaimEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  matchId: string;

  @Column({ type: 'uuid' })
  brokerId: string;

  @Column({ type: 'uuid' })
  agencyId: string;

  @Column({ type: 'timestamptz', precision: 3 })
  claimedAt: Date;

  @Column({ type: 'timestamptz', precision: 3 })
  expiresAt: Date;

  @Column({ type: 'timestamptz', precision: 3, nullable: true })
  releasedAt: Date | null;

  /** RELEASED (by the broker) or EXPIRED (returned to the pool). */
  @Column({ type: 'text', nullable: true })
  releaseReason: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
