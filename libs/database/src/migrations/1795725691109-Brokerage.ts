import { MigrationInterface, QueryRunner } from 'typeorm';

export class Brokerage1795725691109 implements MigrationInterface {
  name = 'Brokerage1795725691109';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "broker_agency_settings" ("agency_id" uuid NOT NULL, "claim_period_seconds" integer NOT NULL DEFAULT \'1209600\', "commission_percent" numeric(5,2) NOT NULL DEFAULT \'5\', "commission_min_wan" numeric(14,4), "commission_cap_wan" numeric(14,4), "idle_reminder_days" integer NOT NULL DEFAULT \'7\', "price_notice_period_seconds" integer NOT NULL DEFAULT \'1296000\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_broker_agency_commission_percent" CHECK (commission_percent BETWEEN 0 AND 100), CONSTRAINT "PK_8bc23ac4cdd05ba6c75fb8dc3ba" PRIMARY KEY ("agency_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "broker_profiles" ("user_id" uuid NOT NULL, "industry_codes" text array NOT NULL DEFAULT \'{}\', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8952430fb4d1ae6783269583a7b" PRIMARY KEY ("user_id"))',
    );
    await queryRunner.query('CREATE TYPE "public"."entrusted_subject" AS ENUM(\'ACHIEVEMENT\', \'DEMAND\')');
    await queryRunner.query(
      'CREATE TABLE "entrustments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "subject_type" "public"."entrusted_subject" NOT NULL, "subject_id" uuid NOT NULL, "owner_organisation_id" uuid NOT NULL, "entrusted_by_id" uuid NOT NULL, "broker_id" uuid, "agency_id" uuid, "exclusive_until" TIMESTAMP WITH TIME ZONE, "note" text, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_entrustments_trustee" CHECK ((broker_id IS NULL) <> (agency_id IS NULL)), CONSTRAINT "PK_1de0403b2018967fcab7ad111bf" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6da766ff492e7dee1616cb3165" ON "entrustments"  ("broker_id") WHERE broker_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ff775845db5023c4268b72b328" ON "entrustments"  ("agency_id") WHERE agency_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_entrustments_active_agency" ON "entrustments"  ("subject_type", "subject_id", "agency_id") WHERE revoked_at IS NULL AND agency_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_entrustments_active_broker" ON "entrustments"  ("subject_type", "subject_id", "broker_id") WHERE revoked_at IS NULL AND broker_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_entrustments_subject" ON "entrustments"  ("subject_type", "subject_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "match_claims" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "match_id" uuid NOT NULL, "broker_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "claimed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "released_at" TIMESTAMP(3) WITH TIME ZONE, "release_reason" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_89357f53fdd9cb9b0b121fbcd02" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "idx_match_claims_broker" ON "match_claims"  ("broker_id", "claimed_at") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_match_claims_active" ON "match_claims"  ("match_id") WHERE released_at IS NULL',
    );
    await queryRunner.query('CREATE TYPE "public"."brokerage_target_type" AS ENUM(\'ACHIEVEMENT\', \'EXPERT\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"introduction_status\" AS ENUM('PROPOSED', 'ACCEPTED', 'DECLINED', 'WITHDRAWN')",
    );
    await queryRunner.query('CREATE TYPE "public"."introduction_answer" AS ENUM(\'ACCEPTED\', \'DECLINED\')');
    await queryRunner.query('CREATE TYPE "public"."introduction_side" AS ENUM(\'DEMAND\', \'TARGET\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"introduction_decline_reason\" AS ENUM('TOO_EARLY', 'UNCLEAR_BENEFIT', 'NO_COMMERCIAL_ROUTE', 'PRICE', 'OTHER')",
    );
    await queryRunner.query(
      'CREATE TABLE "introductions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "demand_id" uuid NOT NULL, "target_type" "public"."brokerage_target_type" NOT NULL, "target_id" uuid NOT NULL, "match_id" uuid, "claim_id" uuid, "broker_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "demand_organisation_id" uuid NOT NULL, "target_organisation_id" uuid NOT NULL, "message" text NOT NULL DEFAULT \'\', "status" "public"."introduction_status" NOT NULL DEFAULT \'PROPOSED\', "demand_answer" "public"."introduction_answer", "demand_answered_at" TIMESTAMP(3) WITH TIME ZONE, "demand_answered_by_id" uuid, "target_answer" "public"."introduction_answer", "target_answered_at" TIMESTAMP(3) WITH TIME ZONE, "target_answered_by_id" uuid, "declined_by_side" "public"."introduction_side", "decline_reason" "public"."introduction_decline_reason", "decline_comment" text, "revealed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_811d59fa8b5c5255e94438b348e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_6cac64b8cfa2f51b0efcb5b31e" ON "introductions"  ("match_id") WHERE match_id IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_cbe3539e12592cbb1348252ef6" ON "introductions"  ("demand_organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_71cd94da22a77b49ca582c0bba" ON "introductions"  ("target_organisation_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_introductions_open_pair" ON "introductions"  ("demand_id", "target_type", "target_id") WHERE status IN (\'PROPOSED\', \'ACCEPTED\')',
    );
    await queryRunner.query('CREATE INDEX "idx_introductions_broker" ON "introductions"  ("broker_id", "created_at") ');
    await queryRunner.query(
      'CREATE INDEX "idx_introductions_pair" ON "introductions"  ("demand_id", "target_type", "target_id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "introduction_acknowledgements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "introduction_id" uuid NOT NULL, "user_id" uuid NOT NULL, "side" "public"."introduction_side" NOT NULL, "terms_version" text NOT NULL, "acknowledged_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_introduction_acknowledgements_user" UNIQUE ("introduction_id", "user_id"), CONSTRAINT "PK_49a7a2ce8c5b4a86c78e03fa343" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"introduction_revealed_detail\" AS ENUM('CONTACTS', 'DEMAND_CONFIDENTIAL', 'EXPERT_CONTACT')",
    );
    await queryRunner.query(
      'CREATE TABLE "introduction_reveals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "introduction_id" uuid NOT NULL, "user_id" uuid NOT NULL, "detail" "public"."introduction_revealed_detail" NOT NULL, "revealed_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4d28bee579c8f41764a243dd984" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_introduction_reveals_introduction" ON "introduction_reveals"  ("introduction_id", "revealed_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "listing_feedback" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "listing_type" text NOT NULL, "listing_id" uuid NOT NULL, "owner_organisation_id" uuid NOT NULL, "introduction_id" uuid NOT NULL, "reason" "public"."introduction_decline_reason" NOT NULL, "comment" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a7834bcc0e923b8a63c550a9d24" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_fb09141527834644c17c461662" ON "listing_feedback"  ("owner_organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_listing_feedback_listing" ON "listing_feedback"  ("listing_type", "listing_id", "created_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"deal_stage\" AS ENUM('INTRODUCED', 'NDA_SIGNED', 'NEGOTIATING', 'CONTRACT_SIGNED', 'REGISTERED', 'CLOSED_WON', 'CLOSED_LOST')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"tech_contract_type\" AS ENUM('TRANSFER', 'LICENSE', 'DEVELOPMENT', 'SERVICE', 'CONSULTING')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"deal_price_notice_status\" AS ENUM('NONE', 'OPEN', 'ENDED', 'OBJECTED')",
    );
    await queryRunner.query(
      'CREATE TABLE "deals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "introduction_id" uuid NOT NULL, "demand_id" uuid NOT NULL, "target_type" "public"."brokerage_target_type" NOT NULL, "target_id" uuid NOT NULL, "broker_id" uuid NOT NULL, "agency_id" uuid NOT NULL, "demand_organisation_id" uuid NOT NULL, "target_organisation_id" uuid NOT NULL, "stage" "public"."deal_stage" NOT NULL DEFAULT \'INTRODUCED\', "stage_entered_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "lost_reason" text, "agreed_price_wan" numeric(14,4), "contract_value_wan" numeric(14,4), "commission_wan" numeric(14,4), "registration_number" text, "contract_type" "public"."tech_contract_type", "technical_income_wan" numeric(14,4), "registered_at" TIMESTAMP(3) WITH TIME ZONE, "price_notice_status" "public"."deal_price_notice_status" NOT NULL DEFAULT \'NONE\', "price_notice_round" integer NOT NULL DEFAULT \'0\', "price_notice_starts_at" TIMESTAMP(3) WITH TIME ZONE, "price_notice_ends_at" TIMESTAMP(3) WITH TIME ZONE, "last_activity_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_deals_amounts" CHECK (contract_value_wan IS NULL OR contract_value_wan >= 0), CONSTRAINT "PK_8c66f03b250f613ff8615940b4b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_6d5adb2c23956e257f733fbfa1" ON "deals"  ("introduction_id") ');
    await queryRunner.query('CREATE INDEX "IDX_c7e3dddfb1851e730819713ef9" ON "deals"  ("demand_organisation_id") ');
    await queryRunner.query('CREATE INDEX "IDX_75f93070264303130c1bcf9796" ON "deals"  ("target_organisation_id") ');
    await queryRunner.query(
      'CREATE INDEX "idx_deals_idle" ON "deals"  ("last_activity_at") WHERE stage NOT IN (\'CLOSED_WON\', \'CLOSED_LOST\')',
    );
    await queryRunner.query('CREATE INDEX "idx_deals_broker" ON "deals"  ("broker_id", "stage") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"deal_activity_kind\" AS ENUM('CREATED', 'STAGE_CHANGED', 'NOTE', 'TASK_ADDED', 'TASK_DONE', 'AMOUNTS_SET', 'PRICE_NOTICE_STARTED', 'PRICE_NOTICE_OBJECTION', 'PRICE_NOTICE_ENDED')",
    );
    await queryRunner.query(
      'CREATE TABLE "deal_activities" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "kind" "public"."deal_activity_kind" NOT NULL, "actor_id" uuid, "from_stage" "public"."deal_stage", "to_stage" "public"."deal_stage", "body" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fc2e092c11160c7bb031aaf4f6f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_deal_activities_timeline" ON "deal_activities"  ("deal_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "deal_tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "title" text NOT NULL, "due_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_id" uuid NOT NULL, "done_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_39135dcdbc792d2d0366e28a2cd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "idx_deal_tasks_deal" ON "deal_tasks"  ("deal_id", "due_at") ');
    await queryRunner.query(
      'CREATE TABLE "deal_reminders" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "deal_id" uuid NOT NULL, "broker_id" uuid NOT NULL, "idle_since" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "read_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_deal_reminders_period" UNIQUE ("deal_id", "idle_since"), CONSTRAINT "PK_8115a68749a85d85aa9ce2b7824" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_9e0040c597aff71aee086d501d" ON "deal_reminders"  ("broker_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."IDX_62de7f6cec3b2695b7af575983"');
    await queryRunner.query('DROP INDEX "public"."IDX_9e0040c597aff71aee086d501d"');
    await queryRunner.query('DROP TABLE "deal_reminders"');
    await queryRunner.query('DROP INDEX "public"."idx_deal_tasks_deal"');
    await queryRunner.query('DROP TABLE "deal_tasks"');
    await queryRunner.query('DROP INDEX "public"."idx_deal_activities_timeline"');
    await queryRunner.query('DROP TABLE "deal_activities"');
    await queryRunner.query('DROP TYPE "public"."deal_activity_kind"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_broker"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_idle"');
    await queryRunner.query('DROP INDEX "public"."IDX_75f93070264303130c1bcf9796"');
    await queryRunner.query('DROP INDEX "public"."IDX_c7e3dddfb1851e730819713ef9"');
    await queryRunner.query('DROP INDEX "public"."IDX_6d5adb2c23956e257f733fbfa1"');
    await queryRunner.query('DROP TABLE "deals"');
    await queryRunner.query('DROP TYPE "public"."deal_price_notice_status"');
    await queryRunner.query('DROP TYPE "public"."tech_contract_type"');
    await queryRunner.query('DROP TYPE "public"."deal_stage"');
    await queryRunner.query('DROP INDEX "public"."idx_listing_feedback_listing"');
    await queryRunner.query('DROP INDEX "public"."IDX_fb09141527834644c17c461662"');
    await queryRunner.query('DROP TABLE "listing_feedback"');
    await queryRunner.query('DROP INDEX "public"."idx_introduction_reveals_introduction"');
    await queryRunner.query('DROP TABLE "introduction_reveals"');
    await queryRunner.query('DROP TYPE "public"."introduction_revealed_detail"');
    await queryRunner.query('DROP TABLE "introduction_acknowledgements"');
    await queryRunner.query('DROP INDEX "public"."idx_introductions_pair"');
    await queryRunner.query('DROP INDEX "public"."idx_introductions_broker"');
    await queryRunner.query('DROP INDEX "public"."uq_introductions_open_pair"');
    await queryRunner.query('DROP INDEX "public"."IDX_71cd94da22a77b49ca582c0bba"');
    await queryRunner.query('DROP INDEX "public"."IDX_cbe3539e12592cbb1348252ef6"');
    await queryRunner.query('DROP INDEX "public"."IDX_6cac64b8cfa2f51b0efcb5b31e"');
    await queryRunner.query('DROP TABLE "introductions"');
    await queryRunner.query('DROP TYPE "public"."introduction_decline_reason"');
    await queryRunner.query('DROP TYPE "public"."introduction_side"');
    await queryRunner.query('DROP TYPE "public"."introduction_answer"');
    await queryRunner.query('DROP TYPE "public"."introduction_status"');
    await queryRunner.query('DROP TYPE "public"."brokerage_target_type"');
    await queryRunner.query('DROP INDEX "public"."uq_match_claims_active"');
    await queryRunner.query('DROP INDEX "public"."idx_match_claims_broker"');
    await queryRunner.query('DROP TABLE "match_claims"');
    await queryRunner.query('DROP INDEX "public"."idx_entrustments_subject"');
    await queryRunner.query('DROP INDEX "public"."uq_entrustments_active_broker"');
    await queryRunner.query('DROP INDEX "public"."uq_entrustments_active_agency"');
    await queryRunner.query('DROP INDEX "public"."IDX_ff775845db5023c4268b72b328"');
    await queryRunner.query('DROP INDEX "public"."IDX_6da766ff492e7dee1616cb3165"');
    await queryRunner.query('DROP TABLE "entrustments"');
    await queryRunner.query('DROP TYPE "public"."entrusted_subject"');
    await queryRunner.query('DROP TABLE "broker_profiles"');
    await queryRunner.query('DROP TABLE "broker_agency_settings"');
  }
}
