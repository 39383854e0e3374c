import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import {
  AppConfig,
  createPinoLogger,
  loadConfig,
  MetricsService,
  PinoNestLogger,
  REQUEST_ID_HEADER,
  requestIdFrom,
  requestLogSerializer,
  routeGroup,
  runWithRequestContext,
} from '@app/core';
import { mountQueueDashboard, QUEUE_DASHBOARD_PATH } from '@app/digests';
import { ApiModule } from './api.module';
import { createGraphiqlRouter } from './graphql/ide/graphiql';
import { GRAPHQL_PATH } from './graphql/graphql-options';
import { createWebAppRouter } from './web/web-app';
import { attachDrain } from './graceful-shutdown';

export const IDE_PATH = '/graphiql';

/** Builds the API exactly as production runs it; tests call this too. */
export async function createApiApp(): Promise<INestApplication> {
  const config = loadConfig();
  const logger = createPinoLogger(config.LOG_LEVEL, 'api');
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  app.disable('x-powered-by');
  const { TRUST_PROXY } = app.get(AppConfig);
  // Limits per IP count the connection's address unless the operator names the proxies to believe.
  if (TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(TRUST_PROXY) ? Number(TRUST_PROXY) : TRUST_PROXY);
  // No enableShutdownHooks: main.ts handles SIGTERM/SIGINT itself, draining requests before the app closes.
  const drain = attachDrain(app);
  const metrics = app.get(MetricsService);
  // A request id (the client's valid X-Request-Id, else a new one) is echoed, logged, and travels into the jobs
  // the request causes; every response counts in tt_http_responses_total.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader('X-Request-Id', requestId);
    const route = routeGroup(req.path); // here, before a mounted router shortens req.path
    res.on('finish', () => metrics.httpResponses.inc({ route, status_class: `${Math.floor(res.statusCode / 100)}xx` }));
    runWithRequestContext({ requestId }, next);
  });
  // During a shutdown new requests get 503 SHUTTING_DOWN; running ones finish (graceful-shutdown.ts).
  app.use(drain.middleware);
  if (config.METRICS_ENABLED) {
    // For the operator's scraper inside the network; set METRICS_TOKEN where the port is reachable by more.
    app.use('/metrics', (req: Request, res: Response, next: NextFunction) => {
      if (req.method !== 'GET') return next();
      if (!metrics.authorized(req.headers.authorization)) return void res.status(401).end();
      void metrics.scrape().then(
        ({ contentType, body }) =>
          res.setHeader('content-type', contentType).setHeader('cache-control', 'no-store').send(body),
        (error: unknown) => next(error),
      );
    });
  }
  // One log line per request (secrets removed at any depth), health probes excepted.
  app.use(
    pinoHttp({
      logger,
      serializers: { req: requestLogSerializer },
      genReqId: (_req, res) => String(res.getHeader('X-Request-Id')),
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
    }),
  );
  // Security headers. The IDE sets its own, stricter CSP (nonce-based); the queue dashboard (Bull Board) uses
  // inline scripts, so it keeps every header but the CSP.
  // Outside production the API is served over plain http (127.0.0.1): upgrading the page's requests to https
  // would break the web app and the IDE there.
  const headers = helmet({
    contentSecurityPolicy: {
      directives: { upgradeInsecureRequests: app.get(AppConfig).isProduction ? [] : null },
    },
  });
  const headersWithoutCsp = helmet({ contentSecurityPolicy: false });
  app.use((req: Request, res: Response, next: NextFunction) =>
    (req.path.startsWith(QUEUE_DASHBOARD_PATH) ? headersWithoutCsp : headers)(req, res, next),
  );
  mountQueueDashboard(app);
  if (app.get(AppConfig).ideEnabled) {
    app.use(createGraphiqlRouter({ graphqlPath: GRAPHQL_PATH, mountPath: IDE_PATH }));
  }
  // Last: the web app answers the paths the API does not own (it skips /graphql, /health, … itself).
  app.use(createWebAppRouter(app.get(AppConfig).WEB_DIST_DIR));
  return app;
}
