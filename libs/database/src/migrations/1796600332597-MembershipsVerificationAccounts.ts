import { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipsVerificationAccounts1796600332597 implements MigrationInterface {
  name = 'MembershipsVerificationAccounts1796600332597';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TYPE "public"."account_token_purpose" AS ENUM(\'VERIFY_EMAIL\', \'RESET_PASSWORD\')',
    );
    await queryRunner.query(
      'CREATE TABLE "account_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "purpose" "public"."account_token_purpose" NOT NULL, "email" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e3640c493cc6206a44b885e6a9" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_367c60e9050583eabfe5222ff1" ON "account_tokens"  ("user_id", "purpose") ',
    );
    await queryRunner.query(
      'CREATE TABLE "membership_invitations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "email" text NOT NULL, "role" "public"."role" NOT NULL, "invited_by_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "accepted_at" TIMESTAMP WITH TIME ZONE, "accepted_by_id" uuid, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2ea1536e9cb5cc3a3720e1e28dd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_be47b3cae3fb29d9e7751de6c7" ON "membership_invitations"  ("email") ');
    await queryRunner.query(
      'CREATE INDEX "IDX_5afe18df085d702ff41ecd46ed" ON "membership_invitations"  ("organisation_id", "created_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"verification_request_status\" AS ENUM('PENDING', 'APPROVED', 'REJECTED')",
    );
    await queryRunner.query(
      'CREATE TABLE "organisation_verification_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "submitted_by_id" uuid NOT NULL, "registered_name" text NOT NULL, "credit_code" text, "evidence" text, "status" "public"."verification_request_status" NOT NULL DEFAULT \'PENDING\', "decided_by_id" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "rejection_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d2150d96e5556fd3e8b52cb3cbe" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_7122e1b4ca293218c96f0a4d79" ON "organisation_verification_requests"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_5d3339058dc73606588200e687" ON "organisation_verification_requests"  ("organisation_id") WHERE status = \'PENDING\'',
    );
    await queryRunner.query(
      'CREATE TABLE "broker_agency_settings_changes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "agency_id" uuid NOT NULL, "changed_by_id" uuid NOT NULL, "before" jsonb NOT NULL, "after" jsonb NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0d47a42883545894bd272c2c75f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_ae3a6044b7e5f84615dcabf503" ON "broker_agency_settings_changes"  ("agency_id", "changed_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"organisation_verification_status\" AS ENUM('UNVERIFIED', 'PENDING', 'VERIFIED', 'REJECTED')",
    );
    await queryRunner.query(
      'ALTER TABLE "organisations" ADD "verification_status" "public"."organisation_verification_status" NOT NULL DEFAULT \'UNVERIFIED\'',
    );
    await queryRunner.query('ALTER TABLE "organisations" ADD "verified_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "organisations" ADD "credit_code" text');
    await queryRunner.query(
      "CREATE TYPE \"public\".\"membership_status\" AS ENUM('PENDING', 'ACTIVE', 'REJECTED', 'REMOVED')",
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" ADD "status" "public"."membership_status" NOT NULL DEFAULT \'PENDING\'',
    );
    await queryRunner.query('ALTER TABLE "memberships" ADD "org_admin" boolean NOT NULL DEFAULT false');
    await queryRunner.query('ALTER TABLE "memberships" ADD "rejection_reason" text');
    await queryRunner.query('ALTER TABLE "memberships" ADD "decided_by_id" uuid');
    await queryRunner.query('ALTER TABLE "memberships" ADD "decided_at" TIMESTAMP WITH TIME ZONE');
    // Data: memberships that exist were granted under the old rules and stay ACTIVE (administrators can remove
    // them); the first member of each self-service organisation (its creator) becomes its ORG_ADMIN.
    await queryRunner.query(`UPDATE "memberships" SET "status" = 'ACTIVE', "decided_at" = "created_at"`);
    await queryRunner.query(
      `UPDATE "memberships" SET "org_admin" = true WHERE "id" IN (
         SELECT DISTINCT ON (m."organisation_id") m."id" FROM "memberships" m
           JOIN "organisations" o ON o."id" = m."organisation_id"
          WHERE o."kind" IN ('ENTERPRISE', 'BROKER_AGENCY') AND o."external_key" IS NULL
          ORDER BY m."organisation_id", m."created_at", m."id")`,
    );
    // Organisations seeded or imported by the operator, and every kind only administrators create, are verified;
    // self-service enterprises and agencies start UNVERIFIED. Accounts start unverified (they verify by email).
    await queryRunner.query(
      `UPDATE "organisations" SET "verification_status" = 'VERIFIED', "verified_at" = now()
        WHERE "external_key" IS NOT NULL OR "kind" NOT IN ('ENTERPRISE', 'BROKER_AGENCY')`,
    );
    // Sessions now carry a start (for their absolute lifetime) and access tokens name their session: everyone
    // signs in once more.
    await queryRunner.query('DELETE FROM "refresh_tokens"');
    await queryRunner.query('ALTER TABLE "users" ADD "email_verified_at" TIMESTAMP WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "refresh_tokens" ADD "family_started_at" TIMESTAMP WITH TIME ZONE NOT NULL');
    await queryRunner.query(
      'CREATE INDEX "IDX_c541aab239bf69784496e64d63" ON "organisations"  ("verification_status") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e9cf8500eeeeab93bf4dd46866" ON "organisations"  ("credit_code") WHERE credit_code IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_45f769239d4afc90e3ba1b91eb" ON "memberships"  ("organisation_id", "status") ',
    );
    await queryRunner.query(
      'ALTER TABLE "account_tokens" ADD CONSTRAINT "FK_1b5fea09efc20c7f63c4a09b3d6" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "membership_invitations" ADD CONSTRAINT "FK_1b7a99ebffd112742a1285ca7cf" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "organisation_verification_requests" ADD CONSTRAINT "FK_b51d9c60777636d50de98181d70" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "organisation_verification_requests" DROP CONSTRAINT "FK_b51d9c60777636d50de98181d70"',
    );
    await queryRunner.query('ALTER TABLE "membership_invitations" DROP CONSTRAINT "FK_1b7a99ebffd112742a1285ca7cf"');
    await queryRunner.query('ALTER TABLE "account_tokens" DROP CONSTRAINT "FK_1b5fea09efc20c7f63c4a09b3d6"');
    await queryRunner.query('DROP INDEX "public"."IDX_45f769239d4afc90e3ba1b91eb"');
    await queryRunner.query('DROP INDEX "public"."IDX_e9cf8500eeeeab93bf4dd46866"');
    await queryRunner.query('DROP INDEX "public"."IDX_c541aab239bf69784496e64d63"');
    await queryRunner.query('ALTER TABLE "refresh_tokens" DROP COLUMN "family_started_at"');
    await queryRunner.query('ALTER TABLE "users" DROP COLUMN "email_verified_at"');
    await queryRunner.query('ALTER TABLE "memberships" DROP COLUMN "decided_at"');
    await queryRunner.query('ALTER TABLE "memberships" DROP COLUMN "decided_by_id"');
    await queryRunner.query('ALTER TABLE "memberships" DROP COLUMN "rejection_reason"');
    await queryRunner.query('ALTER TABLE "memberships" DROP COLUMN "org_admin"');
    await queryRunner.query('ALTER TABLE "memberships" DROP COLUMN "status"');
    await queryRunner.query('DROP TYPE "public"."membership_status"');
    await queryRunner.query('ALTER TABLE "organisations" DROP COLUMN "credit_code"');
    await queryRunner.query('ALTER TABLE "organisations" DROP COLUMN "verified_at"');
    await queryRunner.query('ALTER TABLE "organisations" DROP COLUMN "verification_status"');
    await queryRunner.query('DROP TYPE "public"."organisation_verification_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_ae3a6044b7e5f84615dcabf503"');
    await queryRunner.query('DROP TABLE "broker_agency_settings_changes"');
    await queryRunner.query('DROP INDEX "public"."IDX_5d3339058dc73606588200e687"');
    await queryRunner.query('DROP INDEX "public"."IDX_7122e1b4ca293218c96f0a4d79"');
    await queryRunner.query('DROP TABLE "organisation_verification_requests"');
    await queryRunner.query('DROP TYPE "public"."verification_request_status"');
    await queryRunner.query('DROP INDEX "public"."IDX_5afe18df085d702ff41ecd46ed"');
    await queryRunner.query('DROP INDEX "public"."IDX_be47b3cae3fb29d9e7751de6c7"');
    await queryRunner.query('DROP TABLE "membership_invitations"');
    await queryRunner.query('DROP INDEX "public"."IDX_367c60e9050583eabfe5222ff1"');
    await queryRunner.query('DROP TABLE "account_tokens"');
    await queryRunner.query('DROP TYPE "public"."account_token_purpose"');
  }
}
