import { MigrationInterface, QueryRunner } from 'typeorm';

export class Events1796653890212 implements MigrationInterface {
  name = 'Events1796653890212';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"event_kind\" AS ENUM('POLICY_SESSION', 'MATCHMAKING', 'ROADSHOW')",
    );
    await queryRunner.query("CREATE TYPE \"public\".\"event_status\" AS ENUM('DRAFT', 'PUBLISHED', 'CANCELLED')");
    await queryRunner.query(
      'CREATE TABLE "events" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "kind" "public"."event_kind" NOT NULL, "status" "public"."event_status" NOT NULL DEFAULT \'DRAFT\', "title" text NOT NULL, "description" text NOT NULL DEFAULT \'\', "industry_codes" text array NOT NULL DEFAULT \'{}\', "keywords" text array NOT NULL DEFAULT \'{}\', "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "time_zone" text NOT NULL, "venue" text, "online_url" text, "capacity" integer NOT NULL, "slot_minutes" smallint NOT NULL DEFAULT \'20\', "organiser_organisation_id" uuid NOT NULL, "created_by_id" uuid, "presenting_institution_ids" uuid array NOT NULL DEFAULT \'{}\', "published_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_421f780e21908e8efda6f0c34b" ON "events"  ("organiser_organisation_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_events_published_start" ON "events"  ("starts_at") WHERE status = \'PUBLISHED\'',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"event_participant_side\" AS ENUM('ENTERPRISE', 'RESEARCHER', 'OBSERVER')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"event_registration_status\" AS ENUM('PENDING', 'APPROVED', 'DECLINED')",
    );
    await queryRunner.query(
      'CREATE TABLE "event_registrations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "user_id" uuid NOT NULL, "organisation_id" uuid, "side" "public"."event_participant_side" NOT NULL, "status" "public"."event_registration_status" NOT NULL DEFAULT \'PENDING\', "message" text, "decided_at" TIMESTAMP(3) WITH TIME ZONE, "checked_in_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_event_registrations_person" UNIQUE ("event_id", "user_id"), CONSTRAINT "PK_953d3b862c2487289a92b2356e9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_e42ba7c85b05c49c8de4f36054" ON "event_registrations"  ("user_id") ');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"event_meeting_status\" AS ENUM('REQUESTED', 'ACCEPTED', 'DECLINED')",
    );
    await queryRunner.query('CREATE TYPE "public"."event_meeting_outcome" AS ENUM(\'FOLLOW_UP\', \'NOT_INTERESTED\')');
    await queryRunner.query(
      'CREATE TABLE "event_meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "event_id" uuid NOT NULL, "enterprise_registration_id" uuid NOT NULL, "researcher_registration_id" uuid NOT NULL, "requested_by_registration_id" uuid NOT NULL, "slot_index" smallint NOT NULL, "starts_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "status" "public"."event_meeting_status" NOT NULL DEFAULT \'REQUESTED\', "message" text, "demand_id" uuid, "achievement_id" uuid, "decline_reason" text, "outcome" "public"."event_meeting_outcome", "outcome_reason" text, "outcome_at" TIMESTAMP(3) WITH TIME ZONE, "listing_interest_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea25ee87e5082cda9b6abc3f131" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_88678075440871156b9c9ee1ff" ON "event_meetings"  ("event_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_event_meetings_pair" ON "event_meetings"  ("enterprise_registration_id", "researcher_registration_id") WHERE status IN (\'REQUESTED\', \'ACCEPTED\')',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_event_meetings_researcher_slot" ON "event_meetings"  ("researcher_registration_id", "slot_index") WHERE status IN (\'REQUESTED\', \'ACCEPTED\')',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_event_meetings_enterprise_slot" ON "event_meetings"  ("enterprise_registration_id", "slot_index") WHERE status IN (\'REQUESTED\', \'ACCEPTED\')',
    );
    await queryRunner.query('ALTER TABLE "notifications" ADD "email_attachment" jsonb');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EVENT_REGISTRATION_DECIDED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EVENT_MEETING_REQUESTED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EVENT_MEETING_ANSWERED\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows of the kinds removed go first; then both columns move to the old type at once.
    const events = "('EVENT_REGISTRATION_DECIDED', 'EVENT_MEETING_REQUESTED', 'EVENT_MEETING_ANSWERED')";
    await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "kind"::text IN ${events}`);
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind"::text IN ${events}`);
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION', 'RIGHTS_SUBMITTED', 'RIGHTS_RETURNED', 'OBJECTION_FILED', 'OBJECTION_RESOLVED', 'NOTICE_ENDED', 'INTRODUCTION_PROPOSED', 'INTRODUCTION_ACCEPTED', 'DETAILS_REVEALED', 'DEAL_STAGE_CHANGED', 'PRICE_NOTICE_OBJECTION')",
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query('ALTER TABLE "notifications" DROP COLUMN "email_attachment"');
    await queryRunner.query('DROP INDEX "public"."uq_event_meetings_enterprise_slot"');
    await queryRunner.query('DROP INDEX "public"."uq_event_meetings_researcher_slot"');
    await queryRunner.query('DROP INDEX "public"."uq_event_meetings_pair"');
    await queryRunner.query('DROP INDEX "public"."IDX_88678075440871156b9c9ee1ff"');
    await queryRunner.query('DROP TABLE "event_meetings"');
    await queryRunner.query('DROP TYPE "public"."event_meeting_outcome"');
    await queryRunner.query('DROP TYPE "public"."event_meeting_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_e42ba7c85b05c49c8de4f36054"');
    await queryRunner.query('DROP TABLE "event_registrations"');
    await queryRunner.query('DROP TYPE "public"."event_registration_status"');
    await queryRunner.query('DROP TYPE "public"."event_participant_side"');
    await queryRunner.query('DROP INDEX "public"."idx_events_published_start"');
    await queryRunner.query('DROP INDEX "public"."IDX_421f780e21908e8efda6f0c34b"');
    await queryRunner.query('DROP TABLE "events"');
    await queryRunner.query('DROP TYPE "public"."event_status"');
    await queryRunner.query('DROP TYPE "public"."event_kind"');
  }
}
