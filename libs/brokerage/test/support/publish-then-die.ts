/**
 * Child process of the commit-then-kill drill: publishes a deal's price notice through the real DealsService
 * (the notice and its end-job intent commit together), with Redis unreachable so that the relay right after the
 * commit cannot enqueue; then it dies by SIGKILL before anything else can run. Argv: <dealId> <userId>.
 */
import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfigModule, ClockModule, MeilisearchModule, QueuesModule, RedisModule } from '@app/core';
import { BrokerageModule, DealsService } from '@app/brokerage';
import { DatabaseModule } from '@app/database';
import { AuthService, IdentityModule } from '@app/identity';

@Module({
  imports: [
    AppConfigModule.forRoot(),
    ClockModule,
    DatabaseModule.forRoot('commit-then-kill'),
    RedisModule,
    QueuesModule,
    MeilisearchModule,
    IdentityModule,
    BrokerageModule,
  ],
})
class ChildModule {}

async function main(): Promise<void> {
  const [dealId, userId] = process.argv.slice(2);
  const app = await NestFactory.createApplicationContext(ChildModule, { logger: false });
  const actor = await app.get(AuthService).loadActor(userId);
  const started = Date.now();
  const deal = await app.get(DealsService).publishPriceNotice(actor, dealId, 90);
  process.stdout.write(
    `${JSON.stringify({ committed: true, round: deal.priceNoticeRound, answeredInMs: Date.now() - started })}\n`,
    () => process.kill(process.pid, 'SIGKILL'),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
