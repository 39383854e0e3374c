import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoredFiles1796601819678 implements MigrationInterface {
  name = 'StoredFiles1796601819678';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"stored_file_owner_kind\" AS ENUM('ACHIEVEMENT_ATTACHMENT', 'ACHIEVEMENT_RECORD', 'DEAL_DOCUMENT')",
    );
    await queryRunner.query(
      'CREATE TABLE "stored_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "uploaded_by_id" uuid NOT NULL, "name" text NOT NULL, "content_type" text NOT NULL, "size_bytes" bigint NOT NULL, "sha256" character(64) NOT NULL, "storage_key" text NOT NULL, "owner_kind" "public"."stored_file_owner_kind", "owner_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5d5be862bf53851c1794b4adf4e" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_aa2d3ee25c799163ed356b026f" ON "stored_files"  ("uploaded_by_id") ');
    await queryRunner.query(
      'CREATE INDEX "idx_stored_files_owner" ON "stored_files"  ("owner_kind", "owner_id") WHERE owner_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_stored_files_owner"');
    await queryRunner.query('DROP INDEX "public"."IDX_aa2d3ee25c799163ed356b026f"');
    await queryRunner.query('DROP TABLE "stored_files"');
    await queryRunner.query('DROP TYPE "public"."stored_file_owner_kind"');
  }
}
