import { MigrationInterface, QueryRunner } from 'typeorm';

export class DealMarketEffects1796622658398 implements MigrationInterface {
  name = 'DealMarketEffects1796622658398';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "listing_interests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "achievement_id" uuid NOT NULL, "demand_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "requested_by_id" uuid NOT NULL, "match_id" uuid NOT NULL, "message" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_listing_interests_pair" UNIQUE ("demand_id", "achievement_id"), CONSTRAINT "PK_c3f43c5edd6c472c5ba710388b8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_2bdd940fb1cc74c91c8f64ab9b" ON "listing_interests"  ("achievement_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_26c43068d795074c36d328a19f" ON "listing_interests"  ("organisation_id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_17a390d859bef919bfb014073f" ON "listing_interests"  ("match_id") ');
    await queryRunner.query('ALTER TABLE "deals" ADD "exclusive_licence" boolean');
    await queryRunner.query('ALTER TABLE "deals" ADD "holds_listing" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "deals" ADD "holds_demand" boolean NOT NULL DEFAULT false');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "deals" DROP COLUMN "holds_demand"');
    await queryRunner.query('ALTER TABLE "deals" DROP COLUMN "holds_listing"');
    await queryRunner.query('ALTER TABLE "deals" DROP COLUMN "exclusive_licence"');
    await queryRunner.query('DROP INDEX "public"."IDX_17a390d859bef919bfb014073f"');
    await queryRunner.query('DROP INDEX "public"."IDX_26c43068d795074c36d328a19f"');
    await queryRunner.query('DROP INDEX "public"."IDX_2bdd940fb1cc74c91c8f64ab9b"');
    await queryRunner.query('DROP TABLE "listing_interests"');
  }
}
