import { INestApplication, Injectable } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { AppConfig, Clock, forbidden, JobQueue, QueueName } from '@app/core';
import { Actor, AuthService } from '@app/identity';
import type { NextFunction, Request, Response } from 'express';
import { deriveKey, signTicket, verifyTicket } from './domain/signed-token';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';
const COOKIE = 'tt_queue_dashboard';
const TICKET_TTL_SECONDS = 15 * 60;

/**
 * Who may open the queue dashboard: an ADMIN, proven by the usual bearer token (API clients) or by a
 * short-lived ticket from the `issueQueueDashboardTicket` mutation (browsers), which is swapped for an
 * HttpOnly cookie scoped to the dashboard path. The actor is re-read on every request, so a revoked admin
 * loses access with the ticket still valid.
 */
@Injectable()
export class QueueDashboardService {
  private readonly key: Buffer;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
    private readonly auth: AuthService,
  ) {
    this.key = deriveKey(config.DIGEST_SIGNING_SECRET ?? config.JWT_SECRET, 'queue-dashboard');
  }

  issueTicket(actor: Actor): { url: string; expiresAt: Date } {
    if (!actor.isAdmin) throw forbidden('Only administrators open the queue dashboard');
    const expiresAt = Math.floor(this.clock.now().getTime() / 1000) + TICKET_TTL_SECONDS;
    const ticket = signTicket(this.key, actor.userId, expiresAt);
    return {
      url: `${QUEUE_DASHBOARD_PATH}?ticket=${encodeURIComponent(ticket)}`,
      expiresAt: new Date(expiresAt * 1000),
    };
  }

  /** Express middleware in front of bull-board. */
  guard() {
    return (req: Request, res: Response, next: NextFunction) => {
      this.authorise(req, res).then(
        (ok) =>
          ok ? next() : res.status(401).type('text/plain').send('ADMIN access token or dashboard ticket required'),
        (error: unknown) => next(error),
      );
    };
  }

  private async authorise(req: Request, res: Response): Promise<boolean> {
    const header = req.headers.authorization;
    const bearer = header && /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (bearer) {
      const actor = await this.auth.authenticate(bearer).catch(() => null);
      return Boolean(actor?.isAdmin);
    }
    const now = Math.floor(this.clock.now().getTime() / 1000);
    const fromQuery = typeof req.query.ticket === 'string' ? req.query.ticket : undefined;
    const ticket = fromQuery ?? cookieValue(req.headers.cookie, COOKIE);
    const userId = ticket ? verifyTicket(this.key, ticket, now) : null;
    if (!userId) return false;
    const actor = await this.auth.loadActor(userId).catch(() => null);
    if (!actor?.isAdmin) return false;
    if (fromQuery) {
      const maxAge = Number(ticket!.split('.')[2]) - now;
      res.cookie(COOKIE, ticket, {
        httpOnly: true,
        sameSite: 'strict',
        path: QUEUE_DASHBOARD_PATH,
        maxAge: maxAge * 1000,
      });
    }
    return true;
  }
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Mounts bull-board with every queue of QueueName at /admin/queues, behind the ADMIN guard. */
export function mountQueueDashboard(app: INestApplication): void {
  const jobs = app.get(JobQueue);
  const access = app.get(QueueDashboardService);
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(jobs.queue(name))),
    // @bull-board/express 9.10.1 nests its own @bull-board/api 9.10.1 (ours is 9.10.2): same shape, separate
    // declarations, so the types disagree on a private field.
    serverAdapter: serverAdapter as unknown as Parameters<typeof createBullBoard>[0]['serverAdapter'],
  });
  app.use(QUEUE_DASHBOARD_PATH, access.guard(), serverAdapter.getRouter());
}
