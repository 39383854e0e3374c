import { MigrationInterface, QueryRunner } from 'typeorm';

export class AchievementsRepresentativeIndex1795727425292 implements MigrationInterface {
  name = 'AchievementsRepresentativeIndex1795727425292';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_achievements_representative" ON "achievements"  ("representative_id") WHERE representative_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_achievements_representative"');
  }
}
