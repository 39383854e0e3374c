import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { JobIntentRelay } from './job-intents';

const PURGE_EVERY_MS = 3_600_000;

/**
 * The worker's side of the relay: every JOB_INTENT_RELAY_INTERVAL_MS it relays the intents nobody relayed after
 * their commit (the process died, Redis was down). A timer, not a BullMQ schedule: it must run while Redis is down
 * and resume when it is back.
 */
@Injectable()
export class JobIntentSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobIntentSweeper.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private lastPurge = 0;

  constructor(
    private readonly relay: JobIntentRelay,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.JOB_INTENT_RELAY_INTERVAL_MS);
    void this.sweep();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  sweep(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      const { relayed, failed } = await this.relay.relayPending();
      if (relayed > 0 || failed > 0) this.logger.log({ relayed, failed }, 'Job intents relayed');
      if (Date.now() - this.lastPurge > PURGE_EVERY_MS) {
        this.lastPurge = Date.now();
        await this.relay.purgeRelayed();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'Job intent sweep failed; next one in a moment');
    }
  }
}
