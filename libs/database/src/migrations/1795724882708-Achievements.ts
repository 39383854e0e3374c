import { MigrationInterface, QueryRunner } from 'typeorm';

export class Achievements1795724882708 implements MigrationInterface {
  name = 'Achievements1795724882708';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"ip_type\" AS ENUM('INVENTION_PATENT', 'UTILITY_MODEL', 'DESIGN_PATENT', 'SOFTWARE_COPYRIGHT', 'IC_LAYOUT_DESIGN', 'PLANT_VARIETY', 'TRADE_SECRET')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"transfer_mode\" AS ENUM('ASSIGNMENT', 'LICENSE', 'EQUITY_INVESTMENT', 'JOINT_DEVELOPMENT', 'TECHNICAL_SERVICE')",
    );
    await queryRunner.query('CREATE TYPE "public"."achievement_language" AS ENUM(\'zh\', \'en\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"achievement_status\" AS ENUM('DRAFT', 'SUBMITTED', 'DEPARTMENT_REVIEW', 'TTO_REVIEW', 'PUBLIC_NOTICE', 'APPROVED', 'AGREEMENT_SIGNED', 'RIGHTS_CONFIRMED', 'LISTED', 'IN_NEGOTIATION', 'TRANSFERRED', 'WITHDRAWN', 'STALE')",
    );
    await queryRunner.query(
      'CREATE TABLE "achievements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "title" text NOT NULL, "summary" text NOT NULL DEFAULT \'\', "description" text NOT NULL DEFAULT \'\', "keywords" text array NOT NULL DEFAULT \'{}\', "industry_code" text, "trl" smallint, "ip_type" "public"."ip_type", "ip_registration_numbers" text array NOT NULL DEFAULT \'{}\', "transfer_modes" "public"."transfer_mode" array NOT NULL DEFAULT \'{}\', "asking_price_wan" numeric(14,2), "institution_id" uuid NOT NULL, "region" text, "language" "public"."achievement_language" NOT NULL DEFAULT \'zh\', "attachments" jsonb NOT NULL DEFAULT \'[]\', "conversion_plan" text, "status" "public"."achievement_status" NOT NULL DEFAULT \'DRAFT\', "institution_owned" boolean NOT NULL DEFAULT false, "owner_id" uuid, "representative_id" uuid, "external_id" text, "rejection_reason" text, "notice_round" integer NOT NULL DEFAULT \'0\', "notice_starts_at" TIMESTAMP WITH TIME ZONE, "notice_ends_at" TIMESTAMP WITH TIME ZONE, "listed_at" TIMESTAMP WITH TIME ZONE, "reconfirmed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_achievements_price" CHECK (asking_price_wan IS NULL OR asking_price_wan >= 0), CONSTRAINT "chk_achievements_trl" CHECK (trl IS NULL OR trl BETWEEN 1 AND 9), CONSTRAINT "PK_1bc19c37c6249f70186f318d71d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_209602b83a9b7103aad5b64b01" ON "achievements"  ("industry_code") ');
    await queryRunner.query('CREATE INDEX "IDX_ad79ddd1d021578bb4d49b920f" ON "achievements"  ("institution_id") ');
    await queryRunner.query('CREATE INDEX "IDX_7c00cd4348aa19e47e6783af34" ON "achievements"  ("owner_id") ');
    await queryRunner.query('CREATE INDEX "idx_achievements_status" ON "achievements"  ("status", "created_at") ');
    await queryRunner.query('CREATE INDEX "idx_achievements_listing" ON "achievements"  ("created_at", "id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_achievements_institution_external_id" ON "achievements"  ("institution_id", "external_id") WHERE external_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "achievement_inventors" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "achievement_id" uuid NOT NULL, "user_id" uuid, "name" text NOT NULL, "contribution_share" numeric(7,4) NOT NULL, "position" smallint NOT NULL DEFAULT \'0\', "consented_at" TIMESTAMP WITH TIME ZONE, "consent_recorded_by_id" uuid, "consent_documents" jsonb NOT NULL DEFAULT \'[]\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e6db1dfa356be89b1a7d8417520" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ce345a54e95a3e22e3f870a813" ON "achievement_inventors"  ("achievement_id") ',
    );
    await queryRunner.query('CREATE INDEX "IDX_59040150d9026ab48b6edcedfe" ON "achievement_inventors"  ("user_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_achievement_inventors_user" ON "achievement_inventors"  ("achievement_id", "user_id") WHERE user_id IS NOT NULL',
    );
    await queryRunner.query('CREATE TYPE "public"."rights_proposal_kind" AS ENUM(\'TEAM_SHARE\', \'USE_RIGHT\')');
    await queryRunner.query(
      'CREATE TABLE "achievement_rights_proposals" ("achievement_id" uuid NOT NULL, "kind" "public"."rights_proposal_kind" NOT NULL, "team_share_percent" numeric(5,2), "use_right_years" smallint, "note" text, "agreement_signed_at" TIMESTAMP WITH TIME ZONE, "agreement_documents" jsonb NOT NULL DEFAULT \'[]\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_rights_proposal_terms" CHECK ((kind = \'TEAM_SHARE\' AND team_share_percent BETWEEN 0 AND 100 AND use_right_years IS NULL) OR (kind = \'USE_RIGHT\' AND use_right_years >= 1 AND team_share_percent IS NULL)), CONSTRAINT "PK_715c67d81458721ba7178322c13" PRIMARY KEY ("achievement_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "achievement_transitions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "achievement_id" uuid NOT NULL, "actor_id" uuid, "event" text NOT NULL, "from_status" "public"."achievement_status", "to_status" "public"."achievement_status" NOT NULL, "comment" text, "documents" jsonb NOT NULL DEFAULT \'[]\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b419ec714b8ab7ade9b500f8e25" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_achievement_transitions_timeline" ON "achievement_transitions"  ("achievement_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "achievement_objections" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "achievement_id" uuid NOT NULL, "objector_id" uuid NOT NULL, "reason" text NOT NULL, "notice_round" integer NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "resolved_at" TIMESTAMP WITH TIME ZONE, "resolved_by_id" uuid, "resolution" text, CONSTRAINT "PK_c5fd62b39d272011660390db6c6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_42feb99e96d792b137228b4002" ON "achievement_objections"  ("achievement_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "achievement_institution_settings" ("institution_id" uuid NOT NULL, "notice_period_seconds" integer NOT NULL DEFAULT \'1296000\', "stale_period_days" integer NOT NULL DEFAULT \'180\', "min_team_share_percent" numeric(5,2) NOT NULL DEFAULT \'70\', "max_team_share_percent" numeric(5,2) NOT NULL DEFAULT \'90\', "negative_list" text array NOT NULL DEFAULT \'{}\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_achievement_settings_share_bounds" CHECK (min_team_share_percent <= max_team_share_percent), CONSTRAINT "PK_72e1a934ff31ece2de7f8e31ddc" PRIMARY KEY ("institution_id"))',
    );
    await queryRunner.query(
      'ALTER TABLE "achievements" ADD CONSTRAINT "FK_209602b83a9b7103aad5b64b016" FOREIGN KEY ("industry_code") REFERENCES "industries"("code") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievements" ADD CONSTRAINT "FK_ad79ddd1d021578bb4d49b920fa" FOREIGN KEY ("institution_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievements" ADD CONSTRAINT "FK_7c00cd4348aa19e47e6783af342" FOREIGN KEY ("owner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievements" ADD CONSTRAINT "FK_cd571dad677257e099aafa56ee9" FOREIGN KEY ("representative_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_inventors" ADD CONSTRAINT "FK_ce345a54e95a3e22e3f870a813e" FOREIGN KEY ("achievement_id") REFERENCES "achievements"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_inventors" ADD CONSTRAINT "FK_59040150d9026ab48b6edcedfec" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_rights_proposals" ADD CONSTRAINT "FK_715c67d81458721ba7178322c13" FOREIGN KEY ("achievement_id") REFERENCES "achievements"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_transitions" ADD CONSTRAINT "FK_8fe550754dd2104e4a8fbd6dd29" FOREIGN KEY ("achievement_id") REFERENCES "achievements"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_objections" ADD CONSTRAINT "FK_42feb99e96d792b137228b40028" FOREIGN KEY ("achievement_id") REFERENCES "achievements"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "achievement_institution_settings" ADD CONSTRAINT "FK_72e1a934ff31ece2de7f8e31ddc" FOREIGN KEY ("institution_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "achievement_institution_settings" DROP CONSTRAINT "FK_72e1a934ff31ece2de7f8e31ddc"',
    );
    await queryRunner.query('ALTER TABLE "achievement_objections" DROP CONSTRAINT "FK_42feb99e96d792b137228b40028"');
    await queryRunner.query('ALTER TABLE "achievement_transitions" DROP CONSTRAINT "FK_8fe550754dd2104e4a8fbd6dd29"');
    await queryRunner.query(
      'ALTER TABLE "achievement_rights_proposals" DROP CONSTRAINT "FK_715c67d81458721ba7178322c13"',
    );
    await queryRunner.query('ALTER TABLE "achievement_inventors" DROP CONSTRAINT "FK_59040150d9026ab48b6edcedfec"');
    await queryRunner.query('ALTER TABLE "achievement_inventors" DROP CONSTRAINT "FK_ce345a54e95a3e22e3f870a813e"');
    await queryRunner.query('ALTER TABLE "achievements" DROP CONSTRAINT "FK_cd571dad677257e099aafa56ee9"');
    await queryRunner.query('ALTER TABLE "achievements" DROP CONSTRAINT "FK_7c00cd4348aa19e47e6783af342"');
    await queryRunner.query('ALTER TABLE "achievements" DROP CONSTRAINT "FK_ad79ddd1d021578bb4d49b920fa"');
    await queryRunner.query('ALTER TABLE "achievements" DROP CONSTRAINT "FK_209602b83a9b7103aad5b64b016"');
    await queryRunner.query('DROP TABLE "achievement_institution_settings"');
    await queryRunner.query('DROP INDEX "public"."IDX_42feb99e96d792b137228b4002"');
    await queryRunner.query('DROP TABLE "achievement_objections"');
    await queryRunner.query('DROP INDEX "public"."idx_achievement_transitions_timeline"');
    await queryRunner.query('DROP TABLE "achievement_transitions"');
    await queryRunner.query('DROP TABLE "achievement_rights_proposals"');
    await queryRunner.query('DROP TYPE "public"."rights_proposal_kind"');
    await queryRunner.query('DROP INDEX "public"."uq_achievement_inventors_user"');
    await queryRunner.query('DROP INDEX "public"."IDX_59040150d9026ab48b6edcedfe"');
    await queryRunner.query('DROP INDEX "public"."IDX_ce345a54e95a3e22e3f870a813"');
    await queryRunner.query('DROP TABLE "achievement_inventors"');
    await queryRunner.query('DROP INDEX "public"."uq_achievements_institution_external_id"');
    await queryRunner.query('DROP INDEX "public"."idx_achievements_listing"');
    await queryRunner.query('DROP INDEX "public"."idx_achievements_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_7c00cd4348aa19e47e6783af34"');
    await queryRunner.query('DROP INDEX "public"."IDX_ad79ddd1d021578bb4d49b920f"');
    await queryRunner.query('DROP INDEX "public"."IDX_209602b83a9b7103aad5b64b01"');
    await queryRunner.query('DROP TABLE "achievements"');
    await queryRunner.query('DROP TYPE "public"."achievement_status"');
    await queryRunner.query('DROP TYPE "public"."achievement_language"');
    await queryRunner.query('DROP TYPE "public"."transfer_mode"');
    await queryRunner.query('DROP TYPE "public"."ip_type"');
  }
}
