import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MatchTargetType } from './domain/match-document';
import type { MatchExplanation } from './domain/scoring';
import { MatchStatus, DeclineReason } from './domain/match-status';

/**
 * One proposed (demand, target) pair. Recomputing updates the row (unique per pair), keeping the status the
 * people involved gave it; a DECLINED pair is never proposed again.
 */
@Entity('matches')
@Index('idx_matches_pair', ['demandId', 'targetType', 'targetId'], { unique: true })
@Index('idx_matches_demand_score', ['demandId', 'score'])
@Index('idx_matches_target_score', ['targetType', 'targetId', 'score'])
// The bureau's figures count matches in a time range (index-only, with what they filter on).
@Index('idx_matches_created', ['createdAt', 'engineVersion', 'demandId'])
export class MatchEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  demandId: string;

  @Column({ type: 'enum', enum: MatchTargetType, enumName: 'match_target_type' })
  targetType: MatchTargetType;

  @Column({ type: 'uuid' })
  targetId: string;

  @Column({ type: 'double precision' })
  score: number;

  @Column({ type: 'jsonb' })
  explanation: MatchExplanation;

  @Column({ type: 'text' })
  engineVersion: string;

  @Column({ type: 'enum', enum: MatchStatus, enumName: 'match_status', default: MatchStatus.SUGGESTED })
  status: MatchStatus;

  @Column({ type: 'enum', enum: DeclineReason, enumName: 'match_decline_reason', nullable: true })
  declineReason: DeclineReason | null;

  /** Last time the engine scored this pair (a pair not re-proposed by a rematch is stale, see MatchesService). */
  @Column({ type: 'timestamptz' })
  computedAt: Date;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz', precision: 3 })
  updatedAt: Date;
}

export const MATCHING_ENTITIES = [MatchEntity];
