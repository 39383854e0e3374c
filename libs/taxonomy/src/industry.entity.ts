import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The controlled industry taxonomy (the district's priority industries first). Rows are seeded by the
 * migration that creates the table, so every database has the same codes.
 */
@Entity('industries')
export class IndustryEntity {
  @PrimaryColumn({ type: 'text' })
  code: string;

  @Column({ type: 'text' })
  nameZh: string;

  @Column({ type: 'text' })
  nameEn: string;

  @Column({ type: 'int' })
  sortOrder: number;
}
