import { MigrationInterface, QueryRunner } from 'typeorm';

const MEETING_INDEXES = {
  uq_event_meetings_pair: '"enterprise_registration_id", "researcher_registration_id"',
  uq_event_meetings_researcher_slot: '"researcher_registration_id", "slot_index"',
  uq_event_meetings_enterprise_slot: '"enterprise_registration_id", "slot_index"',
};

export class EventCancellations1796682266843 implements MigrationInterface {
  name = 'EventCancellations1796682266843';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "event_meetings" ADD "sequence" integer NOT NULL DEFAULT \'0\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EVENT_CANCELLED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EVENT_MEETING_CHANGED\'');
    await queryRunner.query('ALTER TYPE "public"."event_registration_status" ADD VALUE \'WITHDRAWN\'');
    await queryRunner.query('ALTER TYPE "public"."event_meeting_status" ADD VALUE \'CANCELLED\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Cancelled meetings and withdrawn registrations read as declined under the old types.
    await queryRunner.query(`UPDATE "event_meetings" SET "status" = 'DECLINED' WHERE "status"::text = 'CANCELLED'`);
    await queryRunner.query(
      `UPDATE "event_registrations" SET "status" = 'DECLINED' WHERE "status"::text = 'WITHDRAWN'`,
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"event_meeting_status_old\" AS ENUM('REQUESTED', 'ACCEPTED', 'DECLINED')",
    );
    // The partial unique indexes compare status with the type's literals: they go, and come back on the old type.
    for (const index of Object.keys(MEETING_INDEXES)) await queryRunner.query(`DROP INDEX "public"."${index}"`);
    await queryRunner.query('ALTER TABLE "event_meetings" ALTER COLUMN "status" DROP DEFAULT');
    await queryRunner.query(
      'ALTER TABLE "event_meetings" ALTER COLUMN "status" TYPE "public"."event_meeting_status_old" USING "status"::"text"::"public"."event_meeting_status_old"',
    );
    await queryRunner.query('DROP TYPE "public"."event_meeting_status"');
    await queryRunner.query('ALTER TYPE "public"."event_meeting_status_old" RENAME TO "event_meeting_status"');
    await queryRunner.query('ALTER TABLE "event_meetings" ALTER COLUMN "status" SET DEFAULT \'REQUESTED\'');
    for (const [index, columns] of Object.entries(MEETING_INDEXES)) {
      await queryRunner.query(
        `CREATE UNIQUE INDEX "${index}" ON "event_meetings" (${columns}) WHERE status IN ('REQUESTED', 'ACCEPTED')`,
      );
    }
    await queryRunner.query(
      "CREATE TYPE \"public\".\"event_registration_status_old\" AS ENUM('PENDING', 'APPROVED', 'DECLINED')",
    );
    await queryRunner.query('ALTER TABLE "event_registrations" ALTER COLUMN "status" DROP DEFAULT');
    await queryRunner.query(
      'ALTER TABLE "event_registrations" ALTER COLUMN "status" TYPE "public"."event_registration_status_old" USING "status"::"text"::"public"."event_registration_status_old"',
    );
    await queryRunner.query('DROP TYPE "public"."event_registration_status"');
    await queryRunner.query(
      'ALTER TYPE "public"."event_registration_status_old" RENAME TO "event_registration_status"',
    );
    await queryRunner.query('ALTER TABLE "event_registrations" ALTER COLUMN "status" SET DEFAULT \'PENDING\'');
    // Rows of the kinds removed go first; notification_kind is shared by two tables: both move at once.
    const kinds = "('EVENT_CANCELLED', 'EVENT_MEETING_CHANGED')";
    await queryRunner.query(`DELETE FROM "notification_preferences" WHERE "kind"::text IN ${kinds}`);
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind"::text IN ${kinds}`);
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION', 'RIGHTS_SUBMITTED', 'RIGHTS_RETURNED', 'OBJECTION_FILED', 'OBJECTION_RESOLVED', 'NOTICE_ENDED', 'INTRODUCTION_PROPOSED', 'INTRODUCTION_ACCEPTED', 'DETAILS_REVEALED', 'DEAL_STAGE_CHANGED', 'PRICE_NOTICE_OBJECTION', 'EVENT_REGISTRATION_DECIDED', 'EVENT_MEETING_REQUESTED', 'EVENT_MEETING_ANSWERED', 'MATCH_CLOSED', 'EVENT_CHANGED', 'EVENT_REMINDER', 'EXPERT_CALL_INVITED')",
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query('ALTER TABLE "event_meetings" DROP COLUMN "sequence"');
  }
}
