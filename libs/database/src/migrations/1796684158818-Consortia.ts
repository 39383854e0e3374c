import { MigrationInterface, QueryRunner } from 'typeorm';

export class Consortia1796684158818 implements MigrationInterface {
  name = 'Consortia1796684158818';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"consortium_status\" AS ENUM('DRAFT', 'ACTIVE', 'RECOGNISED', 'CLOSED')",
    );
    await queryRunner.query(
      'CREATE TABLE "consortia" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "goal" text NOT NULL, "industry_code" text, "lead_organisation_id" uuid NOT NULL, "status" "public"."consortium_status" NOT NULL DEFAULT \'DRAFT\', "created_by_id" uuid, "recognised_at" TIMESTAMP(3) WITH TIME ZONE, "recognised_by_id" uuid, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b460a5fa948485d54780b6a8532" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_0b245d339efe51d48e2d250d4d" ON "consortia"  ("lead_organisation_id") ');
    await queryRunner.query("CREATE TYPE \"public\".\"consortium_role\" AS ENUM('LEAD', 'SUPPORT', 'COLLABORATE')");
    await queryRunner.query(
      "CREATE TYPE \"public\".\"consortium_member_status\" AS ENUM('INVITED', 'ACCEPTED', 'DECLINED')",
    );
    await queryRunner.query(
      'CREATE TABLE "consortium_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consortium_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" "public"."consortium_role" NOT NULL, "status" "public"."consortium_member_status" NOT NULL DEFAULT \'INVITED\', "invited_by_id" uuid, "answered_by_id" uuid, "answered_at" TIMESTAMP(3) WITH TIME ZONE, "invited_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_consortium_members_organisation" UNIQUE ("consortium_id", "organisation_id"), CONSTRAINT "PK_99161da43fa9067480e1a21817b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_64d11a74a282e76e15bd7a5744" ON "consortium_members"  ("organisation_id") ',
    );
    await queryRunner.query('CREATE TYPE "public"."consortium_link_kind" AS ENUM(\'DEMAND\', \'ACHIEVEMENT\')');
    await queryRunner.query(
      'CREATE TABLE "consortium_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consortium_id" uuid NOT NULL, "kind" "public"."consortium_link_kind" NOT NULL, "target_id" uuid NOT NULL, "linked_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_consortium_links_target" UNIQUE ("consortium_id", "kind", "target_id"), CONSTRAINT "PK_5685bb3358c40956e325d25aabc" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_e6b17429f2a581943f30661a6d" ON "consortium_links"  ("target_id") ');
    await queryRunner.query(
      'CREATE TABLE "consortium_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consortium_id" uuid NOT NULL, "title" text NOT NULL, "due_date" date NOT NULL, "done_at" TIMESTAMP(3) WITH TIME ZONE, "created_by_id" uuid, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_63573fe5dd74663e9ce12adc944" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_consortium_milestones_consortium" ON "consortium_milestones"  ("consortium_id", "due_date") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"consortium_space_read_subject\" AS ENUM('DOCUMENTS', 'MILESTONES', 'DOCUMENT_DOWNLOAD')",
    );
    await queryRunner.query(
      'CREATE TABLE "consortium_space_reads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "consortium_id" uuid NOT NULL, "user_id" uuid NOT NULL, "subject" "public"."consortium_space_read_subject" NOT NULL, "file_id" uuid, "read_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_044d9540a1d2797c5b21be0088b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_consortium_space_reads_consortium" ON "consortium_space_reads"  ("consortium_id", "read_at") ',
    );
    await queryRunner.query('DROP INDEX "public"."idx_stored_files_owner"');
    await queryRunner.query('ALTER TYPE "public"."stored_file_owner_kind" ADD VALUE \'CONSORTIUM_DOCUMENT\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'CONSORTIUM_INVITED\'');
    await queryRunner.query(
      'CREATE INDEX "idx_stored_files_owner" ON "stored_files"  ("owner_kind", "owner_id") WHERE owner_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_stored_files_owner"');
    // Rows of the kinds removed go first; notification_kind is shared by two tables: both move at once.
    await queryRunner.query('DELETE FROM "notification_preferences" WHERE "kind"::text = \'CONSORTIUM_INVITED\'');
    await queryRunner.query('DELETE FROM "notifications" WHERE "kind"::text = \'CONSORTIUM_INVITED\'');
    await queryRunner.query(
      'UPDATE "stored_files" SET "owner_kind" = NULL, "owner_id" = NULL WHERE "owner_kind"::text = \'CONSORTIUM_DOCUMENT\'',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION', 'RIGHTS_SUBMITTED', 'RIGHTS_RETURNED', 'OBJECTION_FILED', 'OBJECTION_RESOLVED', 'NOTICE_ENDED', 'INTRODUCTION_PROPOSED', 'INTRODUCTION_ACCEPTED', 'DETAILS_REVEALED', 'DEAL_STAGE_CHANGED', 'PRICE_NOTICE_OBJECTION', 'EVENT_REGISTRATION_DECIDED', 'EVENT_MEETING_REQUESTED', 'EVENT_MEETING_ANSWERED', 'MATCH_CLOSED', 'EVENT_CHANGED', 'EVENT_REMINDER', 'EXPERT_CALL_INVITED', 'EVENT_CANCELLED', 'EVENT_MEETING_CHANGED')",
    );
    await queryRunner.query(
      'ALTER TABLE "notification_preferences" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query(
      'ALTER TABLE "notifications" ALTER COLUMN "kind" TYPE "public"."notification_kind_old" USING "kind"::"text"::"public"."notification_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."notification_kind"');
    await queryRunner.query('ALTER TYPE "public"."notification_kind_old" RENAME TO "notification_kind"');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"stored_file_owner_kind_old\" AS ENUM('ACHIEVEMENT_ATTACHMENT', 'ACHIEVEMENT_RECORD', 'DEAL_DOCUMENT', 'REWARD_EVIDENCE', 'EVALUATION_EVIDENCE', 'EXPERT_CALL_RESPONSE')",
    );
    await queryRunner.query(
      'ALTER TABLE "stored_files" ALTER COLUMN "owner_kind" TYPE "public"."stored_file_owner_kind_old" USING "owner_kind"::"text"::"public"."stored_file_owner_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."stored_file_owner_kind"');
    await queryRunner.query('ALTER TYPE "public"."stored_file_owner_kind_old" RENAME TO "stored_file_owner_kind"');
    await queryRunner.query(
      'CREATE INDEX "idx_stored_files_owner" ON "stored_files" USING btree ("owner_kind", "owner_id") WHERE (owner_id IS NOT NULL)',
    );
    await queryRunner.query('DROP INDEX "public"."idx_consortium_space_reads_consortium"');
    await queryRunner.query('DROP TABLE "consortium_space_reads"');
    await queryRunner.query('DROP TYPE "public"."consortium_space_read_subject"');
    await queryRunner.query('DROP INDEX "public"."idx_consortium_milestones_consortium"');
    await queryRunner.query('DROP TABLE "consortium_milestones"');
    await queryRunner.query('DROP INDEX "public"."IDX_e6b17429f2a581943f30661a6d"');
    await queryRunner.query('DROP TABLE "consortium_links"');
    await queryRunner.query('DROP TYPE "public"."consortium_link_kind"');
    await queryRunner.query('DROP INDEX "public"."IDX_64d11a74a282e76e15bd7a5744"');
    await queryRunner.query('DROP TABLE "consortium_members"');
    await queryRunner.query('DROP TYPE "public"."consortium_member_status"');
    await queryRunner.query('DROP TYPE "public"."consortium_role"');
    await queryRunner.query('DROP INDEX "public"."IDX_0b245d339efe51d48e2d250d4d"');
    await queryRunner.query('DROP TABLE "consortia"');
    await queryRunner.query('DROP TYPE "public"."consortium_status"');
  }
}
