import { MigrationInterface, QueryRunner } from 'typeorm';

export class ObjectionOutcomes1796600768257 implements MigrationInterface {
  name = 'ObjectionOutcomes1796600768257';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TYPE "public"."achievement_objection_outcome" AS ENUM(\'APPLICATION_RETURNED\', \'NOTICE_RESTARTED\')',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_objections" ADD "outcome" "public"."achievement_objection_outcome"',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_achievement_objections_objector" ON "achievement_objections"  ("objector_id", "created_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_achievement_objections_objector"');
    await queryRunner.query('ALTER TABLE "achievement_objections" DROP COLUMN "outcome"');
    await queryRunner.query('DROP TYPE "public"."achievement_objection_outcome"');
  }
}
