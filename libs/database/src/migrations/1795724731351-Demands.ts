import { MigrationInterface, QueryRunner } from 'typeorm';

export class Demands1795724731351 implements MigrationInterface {
  name = 'Demands1795724731351';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"demand_cooperation_mode\" AS ENUM('TRANSFER', 'LICENSE', 'EQUITY', 'JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"demand_status\" AS ENUM('DRAFT', 'OPEN', 'IN_PROGRESS', 'SOLVED', 'CLOSED', 'EXPIRED')",
    );
    await queryRunner.query(
      'CREATE TABLE "demands" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "posted_by_id" uuid, "title" text NOT NULL, "summary" text NOT NULL, "confidential_details" text, "industry_code" text NOT NULL, "technical_indicators" jsonb NOT NULL DEFAULT \'[]\'::jsonb, "budget_min_wan" numeric(14,2), "budget_max_wan" numeric(14,2), "deadline" TIMESTAMP WITH TIME ZONE, "cooperation_modes" "public"."demand_cooperation_mode" array NOT NULL DEFAULT \'{}\', "region" text, "anonymous" boolean NOT NULL DEFAULT false, "status" "public"."demand_status" NOT NULL DEFAULT \'DRAFT\', "external_id" text, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d63565b0747a0cfc73e319bfc03" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_17807058fdcc415d49e46fc149" ON "demands"  ("organisation_id") ');
    await queryRunner.query('CREATE INDEX "IDX_252a5086a16abc86efb7ed1928" ON "demands"  ("industry_code") ');
    await queryRunner.query('CREATE INDEX "IDX_a6fe33d9c1ca67e9797e0e8f34" ON "demands"  ("status") ');
    await queryRunner.query(
      'CREATE INDEX "idx_demands_open_deadline" ON "demands"  ("deadline") WHERE status = \'OPEN\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "idx_demands_external_id" ON "demands"  ("organisation_id", "external_id") WHERE external_id IS NOT NULL',
    );
    await queryRunner.query('CREATE INDEX "idx_demands_created" ON "demands"  ("created_at", "id") ');
    await queryRunner.query(
      'CREATE TABLE "demand_confidential_reads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "demand_id" uuid NOT NULL, "user_id" uuid NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_96028965de8405bf9744564c7d8" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fc1f4902a60d15644fe58d90c6" ON "demand_confidential_reads"  ("user_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_demand_confidential_reads_demand" ON "demand_confidential_reads"  ("demand_id", "read_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "demands" ADD CONSTRAINT "FK_17807058fdcc415d49e46fc1497" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "demands" ADD CONSTRAINT "FK_2b7ce4a8e7a8c6ae047e9dee35e" FOREIGN KEY ("posted_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "demands" ADD CONSTRAINT "FK_252a5086a16abc86efb7ed19283" FOREIGN KEY ("industry_code") REFERENCES "industries"("code") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "demand_confidential_reads" ADD CONSTRAINT "FK_5d2fd321c0e04e6a803df3f0f73" FOREIGN KEY ("demand_id") REFERENCES "demands"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "demand_confidential_reads" ADD CONSTRAINT "FK_fc1f4902a60d15644fe58d90c65" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "demand_confidential_reads" DROP CONSTRAINT "FK_fc1f4902a60d15644fe58d90c65"');
    await queryRunner.query('ALTER TABLE "demand_confidential_reads" DROP CONSTRAINT "FK_5d2fd321c0e04e6a803df3f0f73"');
    await queryRunner.query('ALTER TABLE "demands" DROP CONSTRAINT "FK_252a5086a16abc86efb7ed19283"');
    await queryRunner.query('ALTER TABLE "demands" DROP CONSTRAINT "FK_2b7ce4a8e7a8c6ae047e9dee35e"');
    await queryRunner.query('ALTER TABLE "demands" DROP CONSTRAINT "FK_17807058fdcc415d49e46fc1497"');
    await queryRunner.query('DROP INDEX "public"."idx_demand_confidential_reads_demand"');
    await queryRunner.query('DROP INDEX "public"."IDX_fc1f4902a60d15644fe58d90c6"');
    await queryRunner.query('DROP TABLE "demand_confidential_reads"');
    await queryRunner.query('DROP INDEX "public"."idx_demands_created"');
    await queryRunner.query('DROP INDEX "public"."idx_demands_external_id"');
    await queryRunner.query('DROP INDEX "public"."idx_demands_open_deadline"');
    await queryRunner.query('DROP INDEX "public"."IDX_a6fe33d9c1ca67e9797e0e8f34"');
    await queryRunner.query('DROP INDEX "public"."IDX_252a5086a16abc86efb7ed1928"');
    await queryRunner.query('DROP INDEX "public"."IDX_17807058fdcc415d49e46fc149"');
    await queryRunner.query('DROP TABLE "demands"');
    await queryRunner.query('DROP TYPE "public"."demand_status"');
    await queryRunner.query('DROP TYPE "public"."demand_cooperation_mode"');
  }
}
