import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecommendedCatalogue1796682375697 implements MigrationInterface {
  name = 'RecommendedCatalogue1796682375697';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"catalogue_entry_status\" AS ENUM('PENDING', 'PUBLISHED', 'REJECTED')",
    );
    await queryRunner.query(
      'CREATE TABLE "catalogue_entries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "enterprise_id" uuid NOT NULL, "applicant_id" uuid NOT NULL, "achievement_id" uuid NOT NULL, "deal_id" uuid NOT NULL, "product_name" text NOT NULL, "description" text NOT NULL, "status" "public"."catalogue_entry_status" NOT NULL DEFAULT \'PENDING\', "rejection_reason" text, "decided_by_id" uuid, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "published_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2c11e2cfb24ec84009e9e6a38bd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_079a505c65e9391bc2c83ae664" ON "catalogue_entries"  ("enterprise_id") ');
    await queryRunner.query(
      'CREATE INDEX "idx_catalogue_entries_status" ON "catalogue_entries"  ("status", "created_at") ',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_catalogue_entries_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_079a505c65e9391bc2c83ae664"');
    await queryRunner.query('DROP TABLE "catalogue_entries"');
    await queryRunner.query('DROP TYPE "public"."catalogue_entry_status"');
  }
}
