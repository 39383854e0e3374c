import { MigrationInterface, QueryRunner } from 'typeorm';

export class JobIntents1796613939640 implements MigrationInterface {
  name = 'JobIntents1796613939640';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "job_intents" ("id" BIGSERIAL NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "job_id" text NOT NULL, "run_at" TIMESTAMP WITH TIME ZONE, "request_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "relayed_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, CONSTRAINT "PK_e54e33d0e66ca6fb3c18b7ae50c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "idx_job_intents_pending" ON "job_intents"  ("id") WHERE relayed_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_job_intents_pending"');
    await queryRunner.query('DROP TABLE "job_intents"');
  }
}
