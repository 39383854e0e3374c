import { MigrationInterface, QueryRunner } from 'typeorm';

export class Experts1795724875282 implements MigrationInterface {
  name = 'Experts1795724875282';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"expert_service\" AS ENUM('CONSULTING', 'PART_TIME', 'LECTURING', 'JOINT_RD', 'TECHNICAL_SERVICE')",
    );
    await queryRunner.query('CREATE TYPE "public"."expert_visibility" AS ENUM(\'PUBLIC\', \'MEMBERS_ONLY\')');
    await queryRunner.query(
      'CREATE TABLE "experts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid, "organisation_id" uuid NOT NULL, "created_by_id" uuid, "name" text NOT NULL, "title" text, "research_fields" text array NOT NULL DEFAULT \'{}\', "keywords" text array NOT NULL DEFAULT \'{}\', "bio" text NOT NULL DEFAULT \'\', "services" "public"."expert_service" array NOT NULL DEFAULT \'{}\', "availability" text, "languages" text array NOT NULL DEFAULT \'{zh}\', "region" text, "visibility" "public"."expert_visibility" NOT NULL DEFAULT \'PUBLIC\', "contact_email" text, "contact_phone" text, "external_id" text, "listed" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ecb9ec7e8b977b177fde797e6a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_13f34910170e8af96a6f2674cc" ON "experts"  ("organisation_id") ');
    await queryRunner.query('CREATE INDEX "IDX_627b1776d03d7b21ea1365039a" ON "experts"  ("region") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "idx_experts_user" ON "experts"  ("user_id") WHERE user_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "idx_experts_external_id" ON "experts"  ("organisation_id", "external_id") WHERE external_id IS NOT NULL',
    );
    await queryRunner.query('CREATE INDEX "idx_experts_created" ON "experts"  ("created_at", "id") ');
    await queryRunner.query('ALTER TABLE "demands" ALTER COLUMN "technical_indicators" SET DEFAULT \'[]\'::jsonb');
    await queryRunner.query(
      'ALTER TABLE "experts" ADD CONSTRAINT "FK_2d75ec7643bb01369a822688468" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "experts" ADD CONSTRAINT "FK_13f34910170e8af96a6f2674ccb" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "experts" DROP CONSTRAINT "FK_13f34910170e8af96a6f2674ccb"');
    await queryRunner.query('ALTER TABLE "experts" DROP CONSTRAINT "FK_2d75ec7643bb01369a822688468"');
    await queryRunner.query('ALTER TABLE "demands" ALTER COLUMN "technical_indicators" SET DEFAULT \'[]\'');
    await queryRunner.query('DROP INDEX "public"."idx_experts_created"');
    await queryRunner.query('DROP INDEX "public"."idx_experts_external_id"');
    await queryRunner.query('DROP INDEX "public"."idx_experts_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_627b1776d03d7b21ea1365039a"');
    await queryRunner.query('DROP INDEX "public"."IDX_13f34910170e8af96a6f2674cc"');
    await queryRunner.query('DROP TABLE "experts"');
    await queryRunner.query('DROP TYPE "public"."expert_visibility"');
    await queryRunner.query('DROP TYPE "public"."expert_service"');
  }
}
