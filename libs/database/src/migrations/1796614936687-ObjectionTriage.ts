import { MigrationInterface, QueryRunner } from 'typeorm';

export class ObjectionTriage1796614936687 implements MigrationInterface {
  name = 'ObjectionTriage1796614936687';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TYPE "public"."achievement_objection_outcome" ADD VALUE \'UPHELD\'');
    await queryRunner.query('ALTER TYPE "public"."achievement_objection_outcome" ADD VALUE \'DISMISSED\'');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_achievement_objections_open" ON "achievement_objections"  ("achievement_id", "objector_id", "notice_round") WHERE resolved_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."uq_achievement_objections_open"');
    await queryRunner.query(
      'CREATE TYPE "public"."achievement_objection_outcome_old" AS ENUM(\'APPLICATION_RETURNED\', \'NOTICE_RESTARTED\')',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_objections" ALTER COLUMN "outcome" TYPE "public"."achievement_objection_outcome_old" USING "outcome"::"text"::"public"."achievement_objection_outcome_old"',
    );
    await queryRunner.query('DROP TYPE "public"."achievement_objection_outcome"');
    await queryRunner.query(
      'ALTER TYPE "public"."achievement_objection_outcome_old" RENAME TO "achievement_objection_outcome"',
    );
  }
}
