import { MigrationInterface, QueryRunner } from 'typeorm';

export class DigestsAndNotifications1795725843662 implements MigrationInterface {
  name = 'DigestsAndNotifications1795725843662';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED')",
    );
    await queryRunner.query(
      'CREATE TABLE "notifications" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "kind" "public"."notification_kind" NOT NULL, "title" text NOT NULL, "body" text NOT NULL DEFAULT \'\', "data" jsonb NOT NULL, "dedupe_key" text, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_notifications_dedupe_key" ON "notifications"  ("dedupe_key") WHERE dedupe_key IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_notifications_user_unread" ON "notifications"  ("user_id") WHERE read_at IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_notifications_user_created" ON "notifications"  ("user_id", "created_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "webhook_subscriptions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "url" text NOT NULL, "secret" text NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "consecutive_failures" integer NOT NULL DEFAULT \'0\', "disabled_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf631ae77d39849d599817fb6f4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_webhook_subscriptions_user" ON "webhook_subscriptions"  ("user_id") ',
    );
    await queryRunner.query('CREATE TYPE "public"."digest_frequency" AS ENUM(\'WEEKLY\', \'MONTHLY\')');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"digest_preference_channel\" AS ENUM('EMAIL', 'WEBHOOK', 'IN_APP')",
    );
    await queryRunner.query('CREATE TYPE "public"."digest_preference_language" AS ENUM(\'zh\', \'en\')');
    await queryRunner.query(
      'CREATE TABLE "digest_preferences" ("user_id" uuid NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "frequency" "public"."digest_frequency" NOT NULL DEFAULT \'WEEKLY\', "channels" "public"."digest_preference_channel" array NOT NULL DEFAULT \'{EMAIL,IN_APP}\', "day_of_week" smallint NOT NULL DEFAULT \'1\', "hour" smallint NOT NULL DEFAULT \'9\', "time_zone" text NOT NULL DEFAULT \'Asia/Shanghai\', "language" "public"."digest_preference_language", "topic_industries" text array NOT NULL DEFAULT \'{}\', "topic_keywords" text array NOT NULL DEFAULT \'{}\', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3f59e4c84f8044e92e4857b61d7" PRIMARY KEY ("user_id"))',
    );
    await queryRunner.query('CREATE TYPE "public"."digest_language" AS ENUM(\'zh\', \'en\')');
    await queryRunner.query(
      'CREATE TABLE "digests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "period" text NOT NULL, "version" integer NOT NULL DEFAULT \'1\', "window_start" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "window_end" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "language" "public"."digest_language" NOT NULL, "item_count" integer NOT NULL, "requested_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3849fbafde59a8a4abf182ad18c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "idx_digests_user_window_end" ON "digests"  ("user_id", "window_end") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_digests_user_period_version" ON "digests"  ("user_id", "period", "version") ',
    );
    await queryRunner.query(
      'CREATE TABLE "digest_items" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "digest_id" uuid NOT NULL, "position" smallint NOT NULL, "match_id" uuid NOT NULL, "demand_id" uuid NOT NULL, "target_type" text NOT NULL, "target_id" uuid NOT NULL, "score" double precision NOT NULL, "demand_title" text NOT NULL, "target_title" text NOT NULL, "reason" text NOT NULL, "explanation" jsonb NOT NULL, CONSTRAINT "PK_f85763d8b12d80ae3d5e6dc95a4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_digest_items_position" ON "digest_items"  ("digest_id", "position") ',
    );
    await queryRunner.query("CREATE TYPE \"public\".\"digest_channel\" AS ENUM('EMAIL', 'WEBHOOK', 'IN_APP')");
    await queryRunner.query(
      "CREATE TYPE \"public\".\"digest_delivery_status\" AS ENUM('PENDING', 'SENDING', 'COMMITTING', 'RETRYING', 'SENT', 'DEAD', 'UNKNOWN', 'SKIPPED')",
    );
    await queryRunner.query(
      'CREATE TABLE "digest_deliveries" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "digest_id" uuid NOT NULL, "user_id" uuid NOT NULL, "channel" "public"."digest_channel" NOT NULL, "status" "public"."digest_delivery_status" NOT NULL DEFAULT \'PENDING\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63ec2a093d977e1ecf99becad20" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_62de7f6cec3b2695b7af575983" ON "digest_deliveries"  ("user_id") ');
    await queryRunner.query(
      'CREATE INDEX "idx_digest_deliveries_status" ON "digest_deliveries"  ("status", "updated_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_digest_deliveries_channel" ON "digest_deliveries"  ("digest_id", "channel") ',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "webhook_subscriptions" ADD CONSTRAINT "FK_56d0022083f41dadfd9c75a187f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "digest_preferences" ADD CONSTRAINT "FK_3f59e4c84f8044e92e4857b61d7" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "digests" ADD CONSTRAINT "FK_38293b7517fbf90c3c53253825c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "digest_items" ADD CONSTRAINT "FK_61898e89ea56c3e5a82bebfa9ec" FOREIGN KEY ("digest_id") REFERENCES "digests"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "digest_deliveries" ADD CONSTRAINT "FK_8d0515b16df99cb8a500f2ff04d" FOREIGN KEY ("digest_id") REFERENCES "digests"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "digest_deliveries" DROP CONSTRAINT "FK_8d0515b16df99cb8a500f2ff04d"');
    await queryRunner.query('ALTER TABLE "digest_items" DROP CONSTRAINT "FK_61898e89ea56c3e5a82bebfa9ec"');
    await queryRunner.query('ALTER TABLE "digests" DROP CONSTRAINT "FK_38293b7517fbf90c3c53253825c"');
    await queryRunner.query('ALTER TABLE "digest_preferences" DROP CONSTRAINT "FK_3f59e4c84f8044e92e4857b61d7"');
    await queryRunner.query('ALTER TABLE "webhook_subscriptions" DROP CONSTRAINT "FK_56d0022083f41dadfd9c75a187f"');
    await queryRunner.query('ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"');
    await queryRunner.query('DROP INDEX "public"."uq_digest_deliveries_channel"');
    await queryRunner.query('DROP INDEX "public"."idx_digest_deliveries_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_62de7f6cec3b2695b7af575983"');
    await queryRunner.query('DROP TABLE "digest_deliveries"');
    await queryRunner.query('DROP TYPE "public"."digest_delivery_status"');
    await queryRunner.query('DROP TYPE "public"."digest_channel"');
    await queryRunner.query('DROP INDEX "public"."uq_digest_items_position"');
    await queryRunner.query('DROP TABLE "digest_items"');
    await queryRunner.query('DROP INDEX "public"."uq_digests_user_period_version"');
    await queryRunner.query('DROP INDEX "public"."idx_digests_user_window_end"');
    await queryRunner.query('DROP TABLE "digests"');
    await queryRunner.query('DROP TYPE "public"."digest_language"');
    await queryRunner.query('DROP TABLE "digest_preferences"');
    await queryRunner.query('DROP TYPE "public"."digest_preference_language"');
    await queryRunner.query('DROP TYPE "public"."digest_preference_channel"');
    await queryRunner.query('DROP TYPE "public"."digest_frequency"');
    await queryRunner.query('DROP INDEX "public"."uq_webhook_subscriptions_user"');
    await queryRunner.query('DROP TABLE "webhook_subscriptions"');
    await queryRunner.query('DROP INDEX "public"."idx_notifications_user_created"');
    await queryRunner.query('DROP INDEX "public"."idx_notifications_user_unread"');
    await queryRunner.query('DROP INDEX "public"."uq_notifications_dedupe_key"');
    await queryRunner.query('DROP TABLE "notifications"');
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
  }
}
