import { MigrationInterface, QueryRunner } from 'typeorm';

export class Programmes1796608285211 implements MigrationInterface {
  name = 'Programmes1796608285211';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "reward_rule_versions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "version" integer NOT NULL, "name" text NOT NULL, "effective_from" date NOT NULL, "effective_to" date, "terms" jsonb NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1c552b719f92f168461d74a15f9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_reward_rule_versions_version" ON "reward_rule_versions"  ("version") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"reward_application_status\" AS ENUM('DRAFT', 'SUBMITTED', 'RETURNED', 'APPROVED', 'PAID')",
    );
    await queryRunner.query(
      'CREATE TYPE "public"."reward_qualification" AS ENUM(\'RIGHTS_CONFIRMED_CONTRACT_IN_DISTRICT\', \'INVENTOR_FOUNDED_COMPANY\')',
    );
    await queryRunner.query(
      'CREATE TABLE "reward_applications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "rule_version_id" uuid NOT NULL, "status" "public"."reward_application_status" NOT NULL DEFAULT \'DRAFT\', "qualification" "public"."reward_qualification" NOT NULL, "institution_id" uuid NOT NULL, "achievement_id" uuid NOT NULL, "enterprise_id" uuid NOT NULL, "industry_code" text, "award_year" integer NOT NULL, "registration_number" text NOT NULL, "registered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "technical_income_wan" numeric(14,4) NOT NULL, "prefill" jsonb NOT NULL, "proposed_amount_wan" numeric(14,4) NOT NULL, "approved_amount_wan" numeric(14,4), "evidence" jsonb NOT NULL DEFAULT \'[]\', "applicant_note" text, "return_reason" text, "review_comment" text, "submitted_at" TIMESTAMP(3) WITH TIME ZONE, "reviewed_at" TIMESTAMP(3) WITH TIME ZONE, "reviewed_by_id" uuid, "paid_at" TIMESTAMP(3) WITH TIME ZONE, "paid_amount_wan" numeric(14,4), "payment_reference" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_reward_applications_amounts" CHECK (approved_amount_wan IS NULL OR approved_amount_wan > 0), CONSTRAINT "PK_c6784270c0864fadc508ca179a3" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_a00a7cac56fb26473bda0ac412" ON "reward_applications"  ("status") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_ad8ed45ddf3bda226d3d661d2a" ON "reward_applications"  ("achievement_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_reward_applications_institution_year" ON "reward_applications"  ("institution_id", "award_year") ',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_reward_applications_deal" ON "reward_applications"  ("deal_id") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"reward_event_kind\" AS ENUM('RAISED', 'UPDATED', 'SUBMITTED', 'RETURNED', 'APPROVED', 'PAID')",
    );
    await queryRunner.query(
      'CREATE TABLE "reward_application_events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "application_id" uuid NOT NULL, "kind" "public"."reward_event_kind" NOT NULL, "actor_id" uuid, "body" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bbca378be2f07713623b7cc003e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_reward_application_events" ON "reward_application_events"  ("application_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "rd_institution_partners" ("institution_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d5aa2fb27d90a9b9f7f4435fe1a" PRIMARY KEY ("institution_id", "partner_id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"evaluation_scheme_status\" AS ENUM('DRAFT', 'OPEN', 'PUBLISHED')",
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_schemes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "year" integer NOT NULL, "title" text NOT NULL, "indicators" jsonb NOT NULL, "tiers" jsonb NOT NULL, "status" "public"."evaluation_scheme_status" NOT NULL DEFAULT \'DRAFT\', "results_computed_at" TIMESTAMP(3) WITH TIME ZONE, "published_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_552f0d74d3662e06673b93f7d7e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_0bc05ad1cc17c305904a1ea2c1" ON "evaluation_schemes"  ("year") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"evaluation_report_status\" AS ENUM('DRAFT', 'SUBMITTED', 'RETURNED', 'VERIFIED')",
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_reports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scheme_id" uuid NOT NULL, "year" integer NOT NULL, "institution_id" uuid NOT NULL, "status" "public"."evaluation_report_status" NOT NULL DEFAULT \'DRAFT\', "return_reason" text, "submitted_at" TIMESTAMP(3) WITH TIME ZONE, "verified_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_587302423d9ba7823c49654ecaf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_4df089daadf1f4c83278f2d890" ON "evaluation_reports"  ("year") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_evaluation_reports_institution_year" ON "evaluation_reports"  ("institution_id", "year") ',
    );
    await queryRunner.query('CREATE TYPE "public"."indicator_source" AS ENUM(\'PLATFORM\', \'SELF_REPORTED\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"indicator_verification\" AS ENUM('PLATFORM', 'PENDING', 'VERIFIED', 'REJECTED')",
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_report_values" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "report_id" uuid NOT NULL, "indicator_key" text NOT NULL, "source" "public"."indicator_source" NOT NULL, "value" numeric(18,4), "links" jsonb NOT NULL DEFAULT \'[]\', "verification" "public"."indicator_verification" NOT NULL, "verification_note" text, "verified_by_id" uuid, "verified_at" TIMESTAMP(3) WITH TIME ZONE, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bbb0cba4d2df02c741d565049a5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_evaluation_report_values" ON "evaluation_report_values"  ("report_id", "indicator_key") ',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"award_tier\" AS ENUM('EXCELLENT', 'GOOD', 'PASS', 'FAIL')");
    await queryRunner.query(
      'CREATE TABLE "evaluation_results" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "scheme_id" uuid NOT NULL, "year" integer NOT NULL, "institution_id" uuid NOT NULL, "total_score" numeric(7,2) NOT NULL, "rank" integer NOT NULL, "tier" "public"."award_tier" NOT NULL, "indicators" jsonb NOT NULL, "missing_indicators" text array NOT NULL DEFAULT \'{}\', "computed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c621da2265b8bed07a44a5d5fa6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_4bc0408e1ca1058237c1844a1b" ON "evaluation_results"  ("year") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_evaluation_results_institution_year" ON "evaluation_results"  ("institution_id", "year") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"follow_up_status\" AS ENUM('SCHEDULED', 'ASKED', 'ANSWERED', 'LAPSED')",
    );
    await queryRunner.query(
      'CREATE TABLE "outcome_follow_ups" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "months_after" smallint NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" "public"."follow_up_status" NOT NULL DEFAULT \'SCHEDULED\', "asked_at" TIMESTAMP(3) WITH TIME ZONE, "reminders_sent" smallint NOT NULL DEFAULT \'0\', "lapsed_at" TIMESTAMP(3) WITH TIME ZONE, "enterprise_id" uuid NOT NULL, "institution_id" uuid NOT NULL, "industry_code" text, "registered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "answered_at" TIMESTAMP(3) WITH TIME ZONE, "answered_by_id" uuid, "product_launched" boolean, "revenue_wan" numeric(14,4), "jobs_created" integer, "follow_on_investment_wan" numeric(14,4), "company_founded" boolean, "company_name" text, "note" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5706e39ca0f07817d206658f697" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_58f37358b13d0d82dbb8e269c8" ON "outcome_follow_ups"  ("enterprise_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6d6b1db03e79400183422d83ec" ON "outcome_follow_ups"  ("institution_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_outcome_follow_ups_pending" ON "outcome_follow_ups"  ("status", "due_at") WHERE status IN (\'SCHEDULED\', \'ASKED\')',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_outcome_follow_ups_deal_months" ON "outcome_follow_ups"  ("deal_id", "months_after") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"programme_email_status\" AS ENUM('PENDING', 'COMMITTING', 'SENT')",
    );
    await queryRunner.query(
      'CREATE TABLE "programme_emails" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "follow_up_id" uuid NOT NULL, "step" text NOT NULL, "user_id" uuid NOT NULL, "to_address" text NOT NULL, "subject" text NOT NULL, "body" text NOT NULL, "status" "public"."programme_email_status" NOT NULL DEFAULT \'PENDING\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_289c002a86e9e53a5b82db9fafc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_programme_emails_pending" ON "programme_emails"  ("created_at") WHERE status = \'PENDING\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_programme_emails_step" ON "programme_emails"  ("follow_up_id", "step", "user_id") ',
    );
    await queryRunner.query('CREATE TYPE "public"."handoff_source" AS ENUM(\'LISTING\', \'DEAL\')');
    await queryRunner.query("CREATE TYPE \"public\".\"handoff_status\" AS ENUM('PREPARED', 'LISTED', 'CLOSED')");
    await queryRunner.query("CREATE TYPE \"public\".\"exchange_result\" AS ENUM('TRADED', 'NOT_TRADED', 'WITHDRAWN')");
    await queryRunner.query(
      'CREATE TABLE "exchange_handoffs" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "source" "public"."handoff_source" NOT NULL, "achievement_id" uuid NOT NULL, "deal_id" uuid, "institution_id" uuid NOT NULL, "prepared_by_id" uuid NOT NULL, "status" "public"."handoff_status" NOT NULL DEFAULT \'PREPARED\', "package" jsonb NOT NULL, "exchange_listing_number" text, "listed_at" TIMESTAMP(3) WITH TIME ZONE, "result" "public"."exchange_result", "result_price_wan" numeric(14,4), "result_note" text, "result_recorded_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_08b2eb521a03cc3ba1a417f26f7" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_be743ecb0257968c9f1799bf68" ON "exchange_handoffs"  ("achievement_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_1a10e63f82170b2ee5d23a5fed" ON "exchange_handoffs"  ("deal_id") WHERE deal_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_b2fa9a3bc1afe32c50105d71f0" ON "exchange_handoffs"  ("institution_id") ',
    );
    await queryRunner.query('DROP INDEX "public"."idx_stored_files_owner"');
    await queryRunner.query('ALTER TYPE "public"."stored_file_owner_kind" ADD VALUE \'REWARD_EVIDENCE\'');
    await queryRunner.query('ALTER TYPE "public"."stored_file_owner_kind" ADD VALUE \'EVALUATION_EVIDENCE\'');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind" ADD VALUE \'EXCHANGE_HANDOFF\'');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind" ADD VALUE \'EXCHANGE_RESULT\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'OUTCOME_FOLLOW_UP\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'REWARD_APPLICATION\'');
    await queryRunner.query(
      'CREATE INDEX "idx_stored_files_owner" ON "stored_files"  ("owner_kind", "owner_id") WHERE owner_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_stored_files_owner"');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED')",
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"deal_activity_kind_old\" AS ENUM('CREATED', 'STAGE_CHANGED', 'NOTE', 'TASK_ADDED', 'TASK_DONE', 'AMOUNTS_SET', 'PRICE_NOTICE_STARTED', 'PRICE_NOTICE_OBJECTION', 'PRICE_NOTICE_ENDED')",
    );
    await queryRunner.query(
      'ALTER TABLE "deal_activities" ALTER COLUMN "kind" TYPE "public"."deal_activity_kind_old" USING "kind"::"text"::"public"."deal_activity_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."deal_activity_kind"');
    await queryRunner.query('ALTER TYPE "public"."deal_activity_kind_old" RENAME TO "deal_activity_kind"');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"stored_file_owner_kind_old\" AS ENUM('ACHIEVEMENT_ATTACHMENT', 'ACHIEVEMENT_RECORD', 'DEAL_DOCUMENT')",
    );
    await queryRunner.query(
      'ALTER TABLE "stored_files" ALTER COLUMN "owner_kind" TYPE "public"."stored_file_owner_kind_old" USING "owner_kind"::"text"::"public"."stored_file_owner_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."stored_file_owner_kind"');
    await queryRunner.query('ALTER TYPE "public"."stored_file_owner_kind_old" RENAME TO "stored_file_owner_kind"');
    await queryRunner.query(
      'CREATE INDEX "idx_stored_files_owner" ON "stored_files" USING btree ("owner_kind", "owner_id") WHERE (owner_id IS NOT NULL)',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_b2fa9a3bc1afe32c50105d71f0"');
    await queryRunner.query('DROP INDEX "public"."IDX_1a10e63f82170b2ee5d23a5fed"');
    await queryRunner.query('DROP INDEX "public"."IDX_be743ecb0257968c9f1799bf68"');
    await queryRunner.query('DROP TABLE "exchange_handoffs"');
    await queryRunner.query('DROP TYPE "public"."exchange_result"');
    await queryRunner.query('DROP TYPE "public"."handoff_status"');
    await queryRunner.query('DROP TYPE "public"."handoff_source"');
    await queryRunner.query('DROP INDEX "public"."uq_programme_emails_step"');
    await queryRunner.query('DROP INDEX "public"."idx_programme_emails_pending"');
    await queryRunner.query('DROP TABLE "programme_emails"');
    await queryRunner.query('DROP TYPE "public"."programme_email_status"');
    await queryRunner.query('DROP INDEX "public"."uq_outcome_follow_ups_deal_months"');
    await queryRunner.query('DROP INDEX "public"."idx_outcome_follow_ups_pending"');
    await queryRunner.query('DROP INDEX "public"."IDX_6d6b1db03e79400183422d83ec"');
    await queryRunner.query('DROP INDEX "public"."IDX_58f37358b13d0d82dbb8e269c8"');
    await queryRunner.query('DROP TABLE "outcome_follow_ups"');
    await queryRunner.query('DROP TYPE "public"."follow_up_status"');
    await queryRunner.query('DROP INDEX "public"."uq_evaluation_results_institution_year"');
    await queryRunner.query('DROP INDEX "public"."IDX_4bc0408e1ca1058237c1844a1b"');
    await queryRunner.query('DROP TABLE "evaluation_results"');
    await queryRunner.query('DROP TYPE "public"."award_tier"');
    await queryRunner.query('DROP INDEX "public"."uq_evaluation_report_values"');
    await queryRunner.query('DROP TABLE "evaluation_report_values"');
    await queryRunner.query('DROP TYPE "public"."indicator_verification"');
    await queryRunner.query('DROP TYPE "public"."indicator_source"');
    await queryRunner.query('DROP INDEX "public"."uq_evaluation_reports_institution_year"');
    await queryRunner.query('DROP INDEX "public"."IDX_4df089daadf1f4c83278f2d890"');
    await queryRunner.query('DROP TABLE "evaluation_reports"');
    await queryRunner.query('DROP TYPE "public"."evaluation_report_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_0bc05ad1cc17c305904a1ea2c1"');
    await queryRunner.query('DROP TABLE "evaluation_schemes"');
    await queryRunner.query('DROP TYPE "public"."evaluation_scheme_status"');
    await queryRunner.query('DROP TABLE "rd_institution_partners"');
    await queryRunner.query('DROP INDEX "public"."idx_reward_application_events"');
    await queryRunner.query('DROP TABLE "reward_application_events"');
    await queryRunner.query('DROP TYPE "public"."reward_event_kind"');
    await queryRunner.query('DROP INDEX "public"."uq_reward_applications_deal"');
    await queryRunner.query('DROP INDEX "public"."idx_reward_applications_institution_year"');
    await queryRunner.query('DROP INDEX "public"."IDX_ad8ed45ddf3bda226d3d661d2a"');
    await queryRunner.query('DROP INDEX "public"."IDX_a00a7cac56fb26473bda0ac412"');
    await queryRunner.query('DROP TABLE "reward_applications"');
    await queryRunner.query('DROP TYPE "public"."reward_qualification"');
    await queryRunner.query('DROP TYPE "public"."reward_application_status"');
    await queryRunner.query('DROP INDEX "public"."uq_reward_rule_versions_version"');
    await queryRunner.query('DROP TABLE "reward_rule_versions"');
  }
}
