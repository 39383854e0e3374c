import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, OUTBOX_NOTIFY_CHANNEL } from '@app/core';
import { Client } from 'pg';
import { OutboxDrainer } from './outbox-drainer.service';

const RECONNECT_DELAY_MS = 2_000;

/**
 * Drains as soon as a change commits (recordOutboxChange sends a NOTIFY): the scheduled pass is only the
 * safety net for a lost notification or a failed drain.
 */
@Injectable()
export class OutboxListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxListener.name);
  private client: Client | null = null;
  private stopped = false;
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly drainer: OutboxDrainer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.connect();
    this.drainer.kick();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'techtransfer-outbox-listener' });
    client.on('notification', () => this.drainer.kick());
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
      void this.connect().then(() => this.drainer.kick());
    }, RECONNECT_DELAY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
    await this.drainer.settled();
  }
}
