import { MigrationInterface, QueryRunner } from 'typeorm';

export class ExpertCalls1796668100089 implements MigrationInterface {
  name = 'ExpertCalls1796668100089';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"expert_call_status\" AS ENUM('DRAFT', 'OPEN', 'CLOSED')");
    await queryRunner.query(
      'CREATE TABLE "expert_calls" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "status" "public"."expert_call_status" NOT NULL DEFAULT \'DRAFT\', "title" text NOT NULL, "question" text NOT NULL, "industry_codes" text array NOT NULL DEFAULT \'{}\', "keywords" text array NOT NULL DEFAULT \'{}\', "deadline" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "created_by_id" uuid, "opened_at" TIMESTAMP(3) WITH TIME ZONE, "closed_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c685833ffc53997003bb6469242" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"expert_call_invitation_status\" AS ENUM('INVITED', 'ACCEPTED', 'DECLINED')",
    );
    await queryRunner.query(
      'CREATE TABLE "expert_call_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "call_id" uuid NOT NULL, "expert_id" uuid NOT NULL, "user_id" uuid NOT NULL, "status" "public"."expert_call_invitation_status" NOT NULL DEFAULT \'INVITED\', "matched_terms" text array NOT NULL DEFAULT \'{}\', "invited_by_id" uuid, "decline_reason" text, "answered_at" TIMESTAMP(3) WITH TIME ZONE, "response" text, "responded_at" TIMESTAMP(3) WITH TIME ZONE, "invited_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_expert_call_invitations_expert" UNIQUE ("call_id", "expert_id"), CONSTRAINT "PK_29ece2b13646dfee2f0c5b80d40" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_fae9de0bef0ee87d0377d3976f" ON "expert_call_invitations"  ("user_id") ');
    await queryRunner.query('DROP INDEX "public"."idx_stored_files_owner"');
    await queryRunner.query('ALTER TYPE "public"."stored_file_owner_kind" ADD VALUE \'EXPERT_CALL_RESPONSE\'');
    await queryRunner.query('ALTER TYPE "public"."notification_kind" ADD VALUE \'EXPERT_CALL_INVITED\'');
    await queryRunner.query(
      'CREATE INDEX "idx_stored_files_owner" ON "stored_files"  ("owner_kind", "owner_id") WHERE owner_id IS NOT NULL',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_stored_files_owner"');
    // Rows of the kinds removed go first; notification_kind is shared by two tables: both move at once.
    await queryRunner.query('DELETE FROM "notification_preferences" WHERE "kind"::text = \'EXPERT_CALL_INVITED\'');
    await queryRunner.query('DELETE FROM "notifications" WHERE "kind"::text = \'EXPERT_CALL_INVITED\'');
    await queryRunner.query(
      'UPDATE "stored_files" SET "owner_kind" = NULL, "owner_id" = NULL WHERE "owner_kind"::text = \'EXPERT_CALL_RESPONSE\'',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"notification_kind_old\" AS ENUM('DIGEST', 'WEBHOOK_DISABLED', 'DEAL_IDLE', 'INTRODUCTION_DECLINED', 'OUTCOME_FOLLOW_UP', 'REWARD_APPLICATION', 'RIGHTS_SUBMITTED', 'RIGHTS_RETURNED', 'OBJECTION_FILED', 'OBJECTION_RESOLVED', 'NOTICE_ENDED', 'INTRODUCTION_PROPOSED', 'INTRODUCTION_ACCEPTED', 'DETAILS_REVEALED', 'DEAL_STAGE_CHANGED', 'PRICE_NOTICE_OBJECTION', 'EVENT_REGISTRATION_DECIDED', 'EVENT_MEETING_REQUESTED', 'EVENT_MEETING_ANSWERED', 'MATCH_CLOSED', 'EVENT_CHANGED', 'EVENT_REMINDER')",
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
      "CREATE TYPE \"public\".\"stored_file_owner_kind_old\" AS ENUM('ACHIEVEMENT_ATTACHMENT', 'ACHIEVEMENT_RECORD', 'DEAL_DOCUMENT', 'REWARD_EVIDENCE', 'EVALUATION_EVIDENCE')",
    );
    await queryRunner.query(
      'ALTER TABLE "stored_files" ALTER COLUMN "owner_kind" TYPE "public"."stored_file_owner_kind_old" USING "owner_kind"::"text"::"public"."stored_file_owner_kind_old"',
    );
    await queryRunner.query('DROP TYPE "public"."stored_file_owner_kind"');
    await queryRunner.query('ALTER TYPE "public"."stored_file_owner_kind_old" RENAME TO "stored_file_owner_kind"');
    await queryRunner.query(
      'CREATE INDEX "idx_stored_files_owner" ON "stored_files" USING btree ("owner_kind", "owner_id") WHERE (owner_id IS NOT NULL)',
    );
    await queryRunner.query('DROP INDEX "public"."IDX_fae9de0bef0ee87d0377d3976f"');
    await queryRunner.query('DROP TABLE "expert_call_invitations"');
    await queryRunner.query('DROP TYPE "public"."expert_call_invitation_status"');
    await queryRunner.query('DROP TABLE "expert_calls"');
    await queryRunner.query('DROP TYPE "public"."expert_call_status"');
  }
}
