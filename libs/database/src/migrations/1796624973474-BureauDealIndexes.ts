import { MigrationInterface, QueryRunner } from 'typeorm';

export class BureauDealIndexes1796624973474 implements MigrationInterface {
  name = 'BureauDealIndexes1796624973474';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_deals_registered" ON "deals"  ("registered_at") WHERE registered_at IS NOT NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_deal_activities_signed" ON "deal_activities"  ("deal_id", "created_at") WHERE to_stage = \'CONTRACT_SIGNED\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_deal_activities_signed"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_registered"');
  }
}
