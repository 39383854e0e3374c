import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** What a drain saw: requests that were running when it began, and those it had to cut at the bound. */
export interface DrainReport {
  inFlight: number;
  cut: number;
  ms: number;
}

/**
 * Graceful shutdown of the HTTP side. While draining, every new request (on a connection that was already open;
 * new connections are refused, the listener is closed) gets 503 SHUTTING_DOWN with `Connection: close` and
 * `Retry-After`, `/health` included, so a load balancer moves on; running requests finish, up to the bound, and
 * their connections close after the answer.
 */
export class HttpDrain {
  private draining = false;
  private readonly running = new Set<Response>();
  private readonly waiters = new Set<() => void>();

  readonly middleware = (_req: Request, res: Response, next: NextFunction): void => {
    if (this.draining) {
      res
        .status(503)
        .setHeader('connection', 'close')
        .setHeader('retry-after', '1')
        .json({
          errors: [
            {
              message: 'The server is shutting down; send the request again',
              extensions: { code: 'SHUTTING_DOWN' },
            },
          ],
        });
      return;
    }
    this.running.add(res);
    const done = () => {
      if (!this.running.delete(res)) return;
      if (this.running.size === 0) for (const wake of this.waiters) wake();
    };
    res.once('finish', done);
    res.once('close', done);
    next();
  };

  get isDraining(): boolean {
    return this.draining;
  }

  /** Stops accepting, lets running requests finish within `timeoutMs`, then closes every connection left. */
  async drain(server: Server, timeoutMs: number): Promise<DrainReport> {
    const started = Date.now();
    this.draining = true;
    const inFlight = this.running.size;
    // Answers still to come close their connection (no keep-alive past the drain).
    for (const res of this.running) if (!res.headersSent) res.setHeader('connection', 'close');
    server.close(); // the listener stops; idle keep-alive connections are closed (Node 19+)
    if (this.running.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(finish, timeoutMs);
        function finish() {
          clearTimeout(timer);
          resolve();
        }
        this.waiters.add(finish);
      });
    }
    const cut = this.running.size;
    server.closeIdleConnections();
    if (cut > 0) server.closeAllConnections();
    return { inFlight, cut, ms: Date.now() - started };
  }
}

const drains = new WeakMap<INestApplication, HttpDrain>();

export function attachDrain(app: INestApplication): HttpDrain {
  const drain = new HttpDrain();
  drains.set(app, drain);
  return drain;
}

/**
 * SIGTERM on the API: drain the HTTP server within `timeoutMs`, then close the application (database pool, Redis,
 * queues) once no request can use them any more.
 */
export async function shutdownGracefully(app: INestApplication, timeoutMs: number): Promise<DrainReport> {
  const drain = drains.get(app);
  const report = drain ? await drain.drain(app.getHttpServer() as Server, timeoutMs) : { inFlight: 0, cut: 0, ms: 0 };
  await app.close();
  return report;
}
