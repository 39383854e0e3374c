import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { OrganisationKind } from '../domain/roles';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'enum', enum: OrganisationKind, enumName: 'organisation_kind' })
  kind: OrganisationKind;

  /** Stable key for seeded and imported organisations (idempotent seeding and imports). */
  @Index({ unique: true, where: 'external_key IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  externalKey: string | null;

  @Column({ type: 'text', nullable: true })
  region: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
