import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795724524284 implements MigrationInterface {
  name = 'Outbox1795724524284';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"outbox_subject\" AS ENUM('ACHIEVEMENT', 'EXPERT', 'DEMAND')");
    await queryRunner.query(
      'CREATE TABLE "outbox_events" ("id" BIGSERIAL NOT NULL, "subject" "public"."outbox_subject" NOT NULL, "subject_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "processed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, CONSTRAINT "PK_6689a16c00d09b8089f6237f1d2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "idx_outbox_pending" ON "outbox_events"  ("id") WHERE processed_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_outbox_pending"');
    await queryRunner.query('DROP TABLE "outbox_events"');
    await queryRunner.query('DROP TYPE "public"."outbox_subject"');
  }
}
