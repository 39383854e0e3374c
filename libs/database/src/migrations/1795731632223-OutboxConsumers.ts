import { MigrationInterface, QueryRunner } from 'typeorm';

export class OutboxConsumers1795731632223 implements MigrationInterface {
  name = 'OutboxConsumers1795731632223';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "outbox_consumers" ("consumer" text NOT NULL, "last_event_id" bigint NOT NULL DEFAULT \'0\', CONSTRAINT "PK_b5d8baea42d7f365f25c4893e5b" PRIMARY KEY ("consumer"))',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "outbox_consumers"');
  }
}
