import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type IORedis from 'ioredis';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import { AppConfig, InjectRedis, MetricsService } from '@app/core';

const PROBE_TIMEOUT_MS = 2_000;

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);
}

/**
 * GET /metrics (Prometheus, unless METRICS_ENABLED=false; METRICS_TOKEN demands a bearer token) and
 * GET /health on WORKER_HEALTH_PORT (0: none) for the orchestrator's liveness probe: 200 {"status":"ok"} when the
 * worker reaches PostgreSQL and Redis, else 503 {"status":"down"}. No details: the port may be reachable by more
 * than the operator. Listens on 127.0.0.1 except in production.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: IORedis,
    private readonly metrics: MetricsService,
  ) {}

  /** The port listened on (after boot), when there is one. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.WORKER_HEALTH_PORT) return;
    const server = createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/metrics' && this.config.METRICS_ENABLED) {
        if (!this.metrics.authorized(req.headers.authorization)) {
          res.writeHead(401).end();
          return;
        }
        void this.metrics.scrape().then(
          ({ contentType, body }) =>
            res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
          () => res.writeHead(500).end(),
        );
        return;
      }
      if (req.method !== 'GET' || req.url !== '/health') {
        res.writeHead(404).end();
        return;
      }
      void this.healthy().then((up) => {
        res.writeHead(up ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
        res.end(JSON.stringify({ status: up ? 'ok' : 'down' }));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.config.WORKER_HEALTH_PORT, this.config.isProduction ? '0.0.0.0' : '127.0.0.1', resolve);
    });
    this.server = server;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async healthy(): Promise<boolean> {
    try {
      await within(Promise.all([this.dataSource.query('SELECT 1'), this.redis.ping()]), PROBE_TIMEOUT_MS);
      return true;
    } catch {
      return false;
    }
  }
}
