import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventEditsAndReminders1796665433849 implements MigrationInterface {
  name = 'EventEditsAndReminders1796665433849';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "events" ADD "sequence" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EVENT_CHANGED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EVENT_REMINDER\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Rows of the kinds removed go first; then both columns move to the old type at once.
    const kinds = "('EVENT_CHANGED', 'EVENT_REMINDER')";
    await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "kind"::text IN ${kinds}`);
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind"::text IN ${kinds}`);
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION', 'RIGHTS_SUBMITTED', 'RIGHTS_RETURNED', 'OBJECTION_FILED', 'OBJECTION_RESOLVED', 'NOTICE_ENDED', 'INTRODUCTION_PROPOSED', 'INTRODUCTION_ACCEPTED', 'DETAILS_REVEALED', 'DEAL_STAGE_CHANGED', 'PRICE_NOTICE_OBJECTION', 'EVENT_REGISTRATION_DECIDED', 'EVENT_MEETING_REQUESTED', 'EVENT_MEETING_ANSWERED', 'MATCH_CLOSED')",
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query('ALTER TABLE "events" DROP COLUMN "sequence"');
  }
}
