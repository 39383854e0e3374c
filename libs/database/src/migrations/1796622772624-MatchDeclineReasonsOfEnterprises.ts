import { MigrationInterface, QueryRunner } from 'typeorm';

export class MatchDeclineReasonsOfEnterprises1796622772624 implements MigrationInterface {
  name = 'MatchDeclineReasonsOfEnterprises1796622772624';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TYPE "public"."match_decline_reason" ADD VALUE \'UNCLEAR_BENEFIT\'');
    await queryRunner.query('ALTER TYPE "public"."match_decline_reason" ADD VALUE \'NO_COMMERCIAL_ROUTE\'');
    await queryRunner.query('ALTER TYPE "public"."match_decline_reason" ADD VALUE \'UNCLEAR_DESCRIPTION\'');
    await queryRunner.query('ALTER TYPE "public"."match_decline_reason" ADD VALUE \'EXISTING_SOLUTION\'');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The old type lacks the new reasons: declines given with them become OTHER.
    await queryRunner.query(
      "UPDATE \"matches\" SET \"decline_reason\" = 'OTHER' WHERE \"decline_reason\"::text IN ('UNCLEAR_BENEFIT', 'NO_COMMERCIAL_ROUTE', 'UNCLEAR_DESCRIPTION', 'EXISTING_SOLUTION')",
    );
    await queryRunner.query(
      "CREATE TYPE \"public\".\"match_decline_reason_old\" AS ENUM('NOT_RELEVANT', 'TECHNICAL_MISMATCH', 'TOO_EXPENSIVE', 'NOT_MATURE_ENOUGH', 'COOPERATION_MODE', 'ALREADY_IN_CONTACT', 'OTHER')",
    );
    await queryRunner.query(
      'ALTER TABLE "matches" ALTER COLUMN "decline_reason" TYPE "public"."match_decline_reason_old" USING "decline_reason"::"text"::"public"."match_decline_reason_old"',
    );
    await queryRunner.query('DROP TYPE "public"."match_decline_reason"');
    await queryRunner.query('ALTER TYPE "public"."match_decline_reason_old" RENAME TO "match_decline_reason"');
  }
}
