import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Brokerage's in-app notifications (idle deals, declined introductions). Written by hand with IF NOT EXISTS, so
 * it stays correct whether or not the notifications migration was regenerated with these values already.
 */
export class BrokerageNotificationKinds1795726371461 implements MigrationInterface {
  name = 'BrokerageNotificationKinds1795726371461';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'DEAL_IDLE'`);
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" ADD VALUE IF NOT EXISTS 'INTRODUCTION_DECLINED'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "notifications" WHERE "kind" IN ('DEAL_IDLE', 'INTRODUCTION_DECLINED')`);
    await queryRunner.query(`ALTER TYPE "public"."notification_kind" RENAME TO "notification_kind_old"`);
    await queryRunner.query(`CREATE TYPE "public"."notification_kind" AS ENUM('DIGEST', 'WEBHOOK_DISABLED')`);
    await queryRunner.query(
      `ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind" USING "kind"::text::"public"."notification_kind"`,
    );
    await queryRunner.query(`DROP TYPE "public"."notification_kind_old"`);
  }
}
