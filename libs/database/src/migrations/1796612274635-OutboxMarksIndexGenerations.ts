import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxMarksIndexGenerations1796612274635 implements MigrationInterface {
  name = 'OutboxMarksIndexGenerations1796612274635';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "search_index_generations" ("kind" text NOT NULL, "generation" uuid NOT NULL, "built_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_eddeb92dee67f4c416b6fe88bb1" PRIMARY KEY ("kind"))',
    );
    await queryRunner.query('ALTER TABLE "outbox_events" ADD "dead_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "outbox_events" ADD "followed_at" TIMESTAMP WITH TIME ZONE');
    // Matching followed rows up to its cursor: mark them, so the per-row follower does not match history again.
    await queryRunner.query(
      `UPDATE "outbox_events" SET "followed_at" = "processed_at" WHERE "processed_at" IS NOT NULL
       AND "id" <= COALESCE((SELECT "last_event_id" FROM "outbox_consumers" WHERE "consumer" = 'matching'), 0)`,
    );
    await queryRunner.query('CREATE INDEX "idx_outbox_dead" ON "outbox_events"  ("id") WHERE dead_at IS NOT NULL');
    await queryRunner.query(
      'CREATE INDEX "idx_outbox_unfollowed" ON "outbox_events"  ("id") WHERE processed_at IS NOT NULL AND followed_at IS NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_outbox_unfollowed"');
    await queryRunner.query('DROP INDEX "public"."idx_outbox_dead"');
    await queryRunner.query('ALTER TABLE "outbox_events" DROP COLUMN "followed_at"');
    await queryRunner.query('ALTER TABLE "outbox_events" DROP COLUMN "dead_at"');
    await queryRunner.query('DROP TABLE "search_index_generations"');
  }
}
