import { MigrationInterface, QueryRunner } from 'typeorm';

export class Matches1795724972893 implements MigrationInterface {
  name = 'Matches1795724972893';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TYPE "public"."match_target_type" AS ENUM(\'ACHIEVEMENT\', \'EXPERT\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"match_status\" AS ENUM('SUGGESTED', 'VIEWED', 'INTERESTED', 'DECLINED', 'DISMISSED')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"match_decline_reason\" AS ENUM('NOT_RELEVANT', 'TECHNICAL_MISMATCH', 'TOO_EXPENSIVE', 'NOT_MATURE_ENOUGH', 'COOPERATION_MODE', 'ALREADY_IN_CONTACT', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "matches" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "demand_id" uuid NOT NULL, "target_type" "public"."match_target_type" NOT NULL, "target_id" uuid NOT NULL, "score" double precision NOT NULL, "explanation" jsonb NOT NULL, "engine_version" text NOT NULL, "status" "public"."match_status" NOT NULL DEFAULT \'SUGGESTED\', "decline_reason" "public"."match_decline_reason", "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8a22c7b2e0828988d51256117f4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_matches_target_score" ON "matches"  ("target_type", "target_id", "score") ',
    );
    await queryRunner.query('CREATE INDEX "idx_matches_demand_score" ON "matches"  ("demand_id", "score") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "idx_matches_pair" ON "matches"  ("demand_id", "target_type", "target_id") ',
    );
    await queryRunner.query('ALTER TABLE "demands" ALTER COLUMN "technical_indicators" SET DEFAULT \'[]\'::jsonb');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "demands" ALTER COLUMN "technical_indicators" SET DEFAULT \'[]\'');
    await queryRunner.query('DROP INDEX "public"."idx_matches_pair"');
    await queryRunner.query('DROP INDEX "public"."idx_matches_demand_score"');
    await queryRunner.query('DROP INDEX "public"."idx_matches_target_score"');
    await queryRunner.query('DROP TABLE "matches"');
    await queryRunner.query('DROP TYPE "public"."match_decline_reason"');
    await queryRunner.query('DROP TYPE "public"."match_status"');
    await queryRunner.query('DROP TYPE "public"."match_target_type"');
  }
}
