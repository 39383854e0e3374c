import { MigrationInterface, QueryRunner } from 'typeorm';

export class DigestPlanState1796616069911 implements MigrationInterface {
  name = 'DigestPlanState1796616069911';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "digest_plan_state" ("planner" text NOT NULL, "last_slot" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3431e678118bfc7381e0112e008" PRIMARY KEY ("planner"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "digest_plan_state"');
  }
}
