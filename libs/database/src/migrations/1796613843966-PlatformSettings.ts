import { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformSettings1796613843966 implements MigrationInterface {
  name = 'PlatformSettings1796613843966';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "platform_settings" ("id" integer NOT NULL, "max_open_claims_per_broker" integer NOT NULL, "max_open_claims_per_agency" integer NOT NULL, "max_claim_period_seconds" integer NOT NULL, "min_public_notice_seconds" integer NOT NULL, "min_price_notice_seconds" integer NOT NULL, "updated_by_id" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_platform_settings_single_row" CHECK (id = 1), CONSTRAINT "PK_2934aeb70ec285196dcab4a2e96" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "platform_settings_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "changed_by_id" uuid NOT NULL, "before" jsonb NOT NULL, "after" jsonb NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_f5f81e2e4e87cc962b432be94f3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_208069962baf230e71ad9f48d7" ON "platform_settings_changes"  ("changed_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_208069962baf230e71ad9f48d7"');
    await queryRunner.query('DROP TABLE "platform_settings_changes"');
    await queryRunner.query('DROP TABLE "platform_settings"');
  }
}
