import { MigrationInterface, QueryRunner } from 'typeorm';

export class BrokerCredentials1796612212307 implements MigrationInterface {
  name = 'BrokerCredentials1796612212307';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "broker_confidential_reads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "basis" text NOT NULL, "read_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bef09e1573c7d7b8b78d17c2103" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_broker_confidential_reads_subject" ON "broker_confidential_reads"  ("subject_type", "subject_id", "read_at") ',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"broker_credential_status\" AS ENUM('NONE', 'PENDING', 'VERIFIED', 'REJECTED')",
    );
    await queryRunner.query(
      'ALTER TABLE "broker_profiles" ADD "credential_status" "public"."broker_credential_status" NOT NULL DEFAULT \'NONE\'',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"broker_credential_level\" AS ENUM('JUNIOR', 'INTERMEDIATE', 'SENIOR')",
    );
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "credential_level" "public"."broker_credential_level"');
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "certificate_number" text');
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "issuing_body" text');
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "credential_expires_at" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "credential_submitted_at" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "credential_decided_at" TIMESTAMP(3) WITH TIME ZONE');
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "credential_decided_by_id" uuid');
    await queryRunner.query('ALTER TABLE "broker_profiles" ADD "credential_rejection_reason" text');
    await queryRunner.query(
      'ALTER TABLE "broker_profiles" ADD "confidentiality_acknowledged_at" TIMESTAMP(3) WITH TIME ZONE',
    );
    await queryRunner.query(
      'ALTER TYPE "public"."introduction_revealed_detail" ADD VALUE \'ACHIEVEMENT_CONFIDENTIAL\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"introduction_revealed_detail_old\" AS ENUM('CONTACTS', 'DEMAND_CONFIDENTIAL', 'EXPERT_CONTACT')",
    );
    await queryRunner.query(
      'ALTER TABLE "introduction_reveals" ALTER COLUMN "detail" TYPE "public"."introduction_revealed_detail_old" USING "detail"::"text"::"public"."introduction_revealed_detail_old"',
    );
    await queryRunner.query('DROP TYPE "public"."introduction_revealed_detail"');
    await queryRunner.query(
      'ALTER TYPE "public"."introduction_revealed_detail_old" RENAME TO "introduction_revealed_detail"',
    );
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "confidentiality_acknowledged_at"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "credential_rejection_reason"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "credential_decided_by_id"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "credential_decided_at"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "credential_submitted_at"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "credential_expires_at"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "issuing_body"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "certificate_number"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "credential_level"');
    await queryRunner.query('DROP TYPE "public"."broker_credential_level"');
    await queryRunner.query('ALTER TABLE "broker_profiles" DROP COLUMN "credential_status"');
    await queryRunner.query('DROP TYPE "public"."broker_credential_status"');
    await queryRunner.query('DROP INDEX "public"."idx_broker_confidential_reads_subject"');
    await queryRunner.query('DROP TABLE "broker_confidential_reads"');
  }
}
