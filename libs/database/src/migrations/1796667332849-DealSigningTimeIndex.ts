import { MigrationInterface, QueryRunner } from 'typeorm';

export class DealSigningTimeIndex1796667332849 implements MigrationInterface {
  name = 'DealSigningTimeIndex1796667332849';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_deal_activities_signed_at" ON "deal_activities"  ("created_at", "deal_id") WHERE to_stage = \'CONTRACT_SIGNED\'',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_deal_activities_signed_at"');
  }
}
