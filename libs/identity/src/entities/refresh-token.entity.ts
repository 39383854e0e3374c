import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Relation,
} from 'typeorm';
import { UserEntity } from './user.entity';

/**
 * A refresh token, stored only as a SHA-256 hash. Tokens rotate: using one revokes it and issues the next in
 * the same family; presenting a revoked token again revokes the whole family (a stolen token is detected). A family
 * is a sign-in session: access tokens name it, and stop working once it has no live token left.
 */
@Entity('refresh_tokens')
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<UserEntity>;

  @Index()
  @Column({ type: 'uuid' })
  familyId: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  tokenHash: string;

  /** When the family's first token was issued (the sign-in): no refresh beyond REFRESH_SESSION_MAX_DAYS of it. */
  @Column({ type: 'timestamptz' })
  familyStartedAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
