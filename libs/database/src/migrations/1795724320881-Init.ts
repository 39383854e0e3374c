import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795724320881 implements MigrationInterface {
  name = 'Init1795724320881';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TYPE \"public\".\"organisation_kind\" AS ENUM('UNIVERSITY', 'RESEARCH_INSTITUTE', 'NEW_RD_INSTITUTION', 'ENTERPRISE', 'BROKER_AGENCY', 'GOVERNMENT')",
    );
    await queryRunner.query(
      'CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "kind" "public"."organisation_kind" NOT NULL, "external_key" text, "region" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_af3ed0e83dc57f659be34a0b4f" ON "organisations"  ("external_key") WHERE external_key IS NOT NULL',
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"role\" AS ENUM('RESEARCHER', 'TTO_OFFICER', 'ENTERPRISE_MEMBER', 'BROKER', 'ADMIN')",
    );
    await queryRunner.query(
      'CREATE TABLE "memberships" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "role" "public"."role" NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_25d28bd932097a9e90495ede7b4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_55c59139e9136eb9a76ed30c6d" ON "memberships"  ("organisation_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_e0adc0ceeb49f3ce19171fded3" ON "memberships"  ("user_id", "organisation_id", "role") ',
    );
    await queryRunner.query(
      'CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "locale" character varying(8) NOT NULL DEFAULT \'zh\', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "IDX_97672ac88f789774dd47f7c8be" ON "users"  ("email") ');
    await queryRunner.query(
      'CREATE TABLE "refresh_tokens" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "family_id" uuid NOT NULL, "token_hash" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_3ddc983c5f7bcf132fd8732c3f" ON "refresh_tokens"  ("user_id") ');
    await queryRunner.query('CREATE INDEX "IDX_d5e27da0cd39bc3bb2811fc8ba" ON "refresh_tokens"  ("family_id") ');
    await queryRunner.query(
      'CREATE UNIQUE INDEX "IDX_a7838d2ba25be1342091b6695f" ON "refresh_tokens"  ("token_hash") ',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" ADD CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "memberships" ADD CONSTRAINT "FK_55c59139e9136eb9a76ed30c6dc" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "refresh_tokens" ADD CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "refresh_tokens" DROP CONSTRAINT "FK_3ddc983c5f7bcf132fd8732c3f4"');
    await queryRunner.query('ALTER TABLE "memberships" DROP CONSTRAINT "FK_55c59139e9136eb9a76ed30c6dc"');
    await queryRunner.query('ALTER TABLE "memberships" DROP CONSTRAINT "FK_7c1e2fdfed4f6838e0c05ae5051"');
    await queryRunner.query('DROP INDEX "public"."IDX_a7838d2ba25be1342091b6695f"');
    await queryRunner.query('DROP INDEX "public"."IDX_d5e27da0cd39bc3bb2811fc8ba"');
    await queryRunner.query('DROP INDEX "public"."IDX_3ddc983c5f7bcf132fd8732c3f"');
    await queryRunner.query('DROP TABLE "refresh_tokens"');
    await queryRunner.query('DROP INDEX "public"."IDX_97672ac88f789774dd47f7c8be"');
    await queryRunner.query('DROP TABLE "users"');
    await queryRunner.query('DROP INDEX "public"."IDX_e0adc0ceeb49f3ce19171fded3"');
    await queryRunner.query('DROP INDEX "public"."IDX_55c59139e9136eb9a76ed30c6d"');
    await queryRunner.query('DROP TABLE "memberships"');
    await queryRunner.query('DROP TYPE "public"."role"');
    await queryRunner.query('DROP INDEX "public"."IDX_af3ed0e83dc57f659be34a0b4f"');
    await queryRunner.query('DROP TABLE "organisations"');
    await queryRunner.query('DROP TYPE "public"."organisation_kind"');
  }
}
