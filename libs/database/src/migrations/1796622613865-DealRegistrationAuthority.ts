import { MigrationInterface, QueryRunner } from 'typeorm';

export class DealRegistrationAuthority1796622613865 implements MigrationInterface {
  name = 'DealRegistrationAuthority1796622613865';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "deals" ADD "registration_authority" text');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "deals" DROP COLUMN "registration_authority"');
  }
}
