import { MigrationInterface, QueryRunner } from 'typeorm';

export class ApplicationScenarios1796681727047 implements MigrationInterface {
  name = 'ApplicationScenarios1796681727047';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organisations" ADD "state_owned" boolean NOT NULL DEFAULT false');
    await queryRunner.query(
      'CREATE TYPE "public"."demand_kind" AS ENUM(\'TECHNICAL_PROBLEM\', \'APPLICATION_SCENARIO\')',
    );
    await queryRunner.query(
      'ALTER TABLE "demands" ADD "kind" "public"."demand_kind" NOT NULL DEFAULT \'TECHNICAL_PROBLEM\'',
    );
    await queryRunner.query('ALTER TABLE "demands" ADD "site" text');
    await queryRunner.query('ALTER TABLE "demands" ADD "data_available" text');
    await queryRunner.query('ALTER TABLE "demands" ADD "timeline" text');
    await queryRunner.query('ALTER TABLE "digest_items" ADD "demand_kind" text NOT NULL DEFAULT \'TECHNICAL_PROBLEM\'');
    await queryRunner.query('CREATE INDEX "IDX_bcae9aaba11e8c0bc57a458d38" ON "demands"  ("kind") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_bcae9aaba11e8c0bc57a458d38"');
    await queryRunner.query('ALTER TABLE "digest_items" DROP COLUMN "demand_kind"');
    await queryRunner.query('ALTER TABLE "demands" DROP COLUMN "timeline"');
    await queryRunner.query('ALTER TABLE "demands" DROP COLUMN "data_available"');
    await queryRunner.query('ALTER TABLE "demands" DROP COLUMN "site"');
    await queryRunner.query('ALTER TABLE "demands" DROP COLUMN "kind"');
    await queryRunner.query('DROP TYPE "public"."demand_kind"');
    await queryRunner.query('ALTER TABLE "organisations" DROP COLUMN "state_owned"');
  }
}
