import { MigrationInterface, QueryRunner } from 'typeorm';

export class EventNotifications1796622675560 implements MigrationInterface {
  name = 'EventNotifications1796622675560';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "notification_preferences" ("user_id" uuid NOT NULL, "kind" "public"."notification_kind" NOT NULL, "in_app" boolean NOT NULL, "email" boolean NOT NULL, "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4beeeb46feaf58d75e124c8ba58" PRIMARY KEY ("user_id", "kind"))',
    );
    await queryRunner.query('ALTER TABLE "notifications" ADD "in_app" boolean NOT NULL DEFAULT true');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_email_status\" AS ENUM('NONE', 'PENDING', 'COMMITTING', 'SENT')",
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD "email_status" "public"."notification_email_status" NOT NULL DEFAULT \'NONE\'',
    );
    await queryRunner.query('ALTER TABLE "notifications" ADD "email_sent_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'RIGHTS_SUBMITTED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'RIGHTS_RETURNED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'OBJECTION_FILED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'OBJECTION_RESOLVED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'NOTICE_ENDED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'INTRODUCTION_PROPOSED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'INTRODUCTION_ACCEPTED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'DETAILS_REVEALED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'DEAL_STAGE_CHANGED\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'PRICE_NOTICE_OBJECTION\'');
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ADD CONSTRAINT "FK_64c90edc7310c6be7c10c96f675" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The preferences table uses the enum: it goes first; so do notifications of the kinds removed.
    await queryRunner.query('DROP TABLE "notification_preferences"');
    await queryRunner.query(
      `DELETE FROM "notifications" WHERE "kind" NOT IN ('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION')`,
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION')",
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query('ALTER TABLE "notifications" DROP COLUMN "email_sent_at"');
    await queryRunner.query('ALTER TABLE "notifications" DROP COLUMN "email_status"');
    await queryRunner.query('DROP TYPE "public"."notification_email_status"');
    await queryRunner.query('ALTER TABLE "notifications" DROP COLUMN "in_app"');
  }
}
