import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, OUTBOX_NOTIFY_CHANNEL } from '@app/core';
import { Client } from 'pg';
import { OutboxDrainer } from './outbox-drainer.service';

const RECONNECT_DELAY_MS = 2_000;
const RETRY_DELAY_MS = 1_000;

/**
 * Drains as soon as a change commits (recordOutboxChange sends a NOTIFY), and retries a failed drain after a
 * second; the scheduled job is the safety net for a lost notification.
 */
@Injectable()
export class OutboxListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxListener.name);
  private client: Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private rerun = false;

  constructor(
    private readonly config: AppConfig,
    private readonly drainer: OutboxDrainer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
    this.kick();
  }

  /** Asks for a drain now; calls while one runs coalesce into one more pass after it. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = (async () => {
      let failed = 0;
      do {
        this.rerun = false;
        try {
          failed = (await this.drainer.drainUntilIdle()).failed;
        } catch (error) {
          failed = 1;
          this.logger.warn({ err: error }, 'Outbox drain failed');
        }
      } while (this.rerun && !this.stopped);
      if (failed > 0) this.scheduleRetry();
    })().finally(() => (this.running = null));
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, RETRY_DELAY_MS);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'techtransfer-outbox-listener',
    });
    client.on('notification', () => this.kick());
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'Outbox listener connection lost; reconnecting');
      this.scheduleReconnect(client);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_NOTIFY_CHANNEL}`);
      this.client = client;
    } catch (error) {
      this.logger.warn({ err: error }, 'Outbox listener could not connect; the scheduled drain still runs');
      this.scheduleReconnect(client);
    }
  }

  private scheduleReconnect(client: Client): void {
    void client.end().catch(() => undefined);
    if (this.client === client) this.client = null;
    if (this.stopped || this.reconnectTimer) return;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect().then(() => this.kick());
    }, RECONNECT_DELAY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
    while (this.running) await this.running;
  }
}
