import { MigrationInterface, QueryRunner } from 'typeorm';

export class ListingExitAndAmendedRegistrations1796665292700 implements MigrationInterface {
  name = 'ListingExitAndAmendedRegistrations1796665292700';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "reward_applications" ADD "registration_amended_at" TIMESTAMP(3) WITH TIME ZONE',
    );
    await queryRunner.query('ALTER TABLE "reward_applications" ADD "registration_amendment_note" text');
    // One enum for notifications and notification_preferences: one new value.
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'MATCH_CLOSED\'');
    await queryRunner.query('ALTER TYPE "public"."match_status" ADD VALUE \'CLOSED\'');
    await queryRunner.query('ALTER TYPE "public"."reward_event_kind" ADD VALUE \'REGISTRATION_AMENDED\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows of the values removed go first (they cannot be represented), then each enum is rebuilt without them.
    await queryRunner.query(`DELETE FROM "reward_application_events" WHERE "kind" = 'REGISTRATION_AMENDED'`);
    await queryRunner.query(
      "CREATE TYPE \"public\".\"reward_event_kind_old\" AS ENUM('RAISED', 'UPDATED', 'SUBMITTED', 'RETURNED', 'APPROVED', 'PAID')",
    );
    await queryRunner.query(
      'ALTER TABLE "reward_application_events" ALTER COLUMN "kind" TYPE "public"."reward_event_kind_old" USING "kind"::"text"::"public"."reward_event_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."reward_event_kind"');
    await queryRunner.query('ALTER TYPE "public"."reward_event_kind_old" RENAME TO "reward_event_kind"');
    await queryRunner.query(`UPDATE "matches" SET "status" = 'DISMISSED' WHERE "status" = 'CLOSED'`);
    await queryRunner.query('ALTER TABLE "matches" ALTER COLUMN "status" DROP DEFAULT');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"match_status_old\" AS ENUM('SUGGESTED', 'VIEWED', 'INTERESTED', 'DECLINED', 'DISMISSED')",
    );
    await queryRunner.query(
      'ALTER TABLE "matches" ALTER COLUMN "status" TYPE "public"."match_status_old" USING "status"::"text"::"public"."match_status_old"',
    );
    await queryRunner.query('DROP TYPE "public"."match_status"');
    await queryRunner.query('ALTER TYPE "public"."match_status_old" RENAME TO "match_status"');
    await queryRunner.query('ALTER TABLE "matches" ALTER COLUMN "status" SET DEFAULT \'SUGGESTED\'');
    await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "kind" = 'MATCH_CLOSED'`);
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind" = 'MATCH_CLOSED'`);
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION', 'RIGHTS_SUBMITTED', 'RIGHTS_RETURNED', 'OBJECTION_FILED', 'OBJECTION_RESOLVED', 'NOTICE_ENDED', 'INTRODUCTION_PROPOSED', 'INTRODUCTION_ACCEPTED', 'DETAILS_REVEALED', 'DEAL_STAGE_CHANGED', 'PRICE_NOTICE_OBJECTION', 'EVENT_REGISTRATION_DECIDED', 'EVENT_MEETING_REQUESTED', 'EVENT_MEETING_ANSWERED')",
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query('ALTER TABLE "reward_applications" DROP COLUMN "registration_amendment_note"');
    await queryRunner.query('ALTER TABLE "reward_applications" DROP COLUMN "registration_amended_at"');
  }
}
