import { MigrationInterface, QueryRunner } from 'typeorm';

export class RegistrationIntegrity1796653736143 implements MigrationInterface {
  name = 'RegistrationIntegrity1796653736143';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "deal_amendments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "actor_id" uuid NOT NULL, "before" jsonb NOT NULL, "after" jsonb NOT NULL, "reason" text NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_468ca7cca193d8bc4783a86262a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "idx_deal_amendments_deal" ON "deal_amendments"  ("deal_id", "created_at") ');
    await queryRunner.query('ALTER TABLE "deals" ADD "value_difference_reason" text');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind" ADD VALUE \'REGISTRATION_AMENDED\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"deal_activity_kind_old\" AS ENUM('CREATED', 'STAGE_CHANGED', 'NOTE', 'TASK_ADDED', 'TASK_DONE', 'AMOUNTS_SET', 'PRICE_NOTICE_STARTED', 'PRICE_NOTICE_OBJECTION', 'PRICE_NOTICE_ENDED', 'EXCHANGE_HANDOFF', 'EXCHANGE_RESULT', 'ON_HOLD', 'RESUMED')",
    );
    await queryRunner.query(
      'ALTER TABLE "deal_activities" ALTER COLUMN "kind" TYPE "public"."deal_activity_kind_old" USING "kind"::"text"::"public"."deal_activity_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."deal_activity_kind"');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind_old" RENAME TO "deal_activity_kind"');
    await queryRunner.query('ALTER TABLE "deals" DROP COLUMN "value_difference_reason"');
    await queryRunner.query('DROP INDEX "public"."idx_deal_amendments_deal"');
    await queryRunner.query('DROP TABLE "deal_amendments"');
  }
}
