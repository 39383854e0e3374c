import { MigrationInterface, QueryRunner } from 'typeorm';

export class DealHold1796624059580 implements MigrationInterface {
  name = 'DealHold1796624059580';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "deals" ADD "on_hold_reason" text');
    await queryRunner.query('ALTER TABLE "deals" ADD "on_hold_since" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind" ADD VALUE \'ON_HOLD\'');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind" ADD VALUE \'RESUMED\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"deal_activity_kind_old\" AS ENUM('CREATED', 'STAGE_CHANGED', 'NOTE', 'TASK_ADDED', 'TASK_DONE', 'AMOUNTS_SET', 'PRICE_NOTICE_STARTED', 'PRICE_NOTICE_OBJECTION', 'PRICE_NOTICE_ENDED', 'EXCHANGE_HANDOFF', 'EXCHANGE_RESULT')",
    );
    await queryRunner.query(
      'ALTER TABLE "deal_activities" ALTER COLUMN "kind" TYPE "public"."deal_activity_kind_old" USING "kind"::"text"::"public"."deal_activity_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."deal_activity_kind"');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind_old" RENAME TO "deal_activity_kind"');
    await queryRunner.query('ALTER TABLE "deals" DROP COLUMN "on_hold_since"');
    await queryRunner.query('ALTER TABLE "deals" DROP COLUMN "on_hold_reason"');
  }
}
