import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * An enterprise's expression of interest in a listed achievement (from its public page): "introduce us". It names
 * one of the enterprise's open demands (introductions and deals pair a demand with a target), and puts the pair in
 * the brokers' work queue as an INTERESTED match. One per (demand, achievement); asking again updates the message.
 */
@Entity('listing_interests')
@Unique('uq_listing_interests_pair', ['demandId', 'achievementId'])
export class ListingInterestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  achievementId: string;

  @Column({ type: 'uuid' })
  demandId: string;

  /** The enterprise (the demand's organisation). */
  @Index()
  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'uuid' })
  requestedById: string;

  /** The match row that carries the pair into the work queue. */
  @Index()
  @Column({ type: 'uuid' })
  matchId: string;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt: Date;
}
