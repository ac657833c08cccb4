// Builds the Express application from its dependencies; index.ts only listens.
import express, { type Express } from 'express';
import cors from 'cors';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import type { AppConfig } from './lib/config.js';
import type { Database } from './lib/db.js';
import type { Logger } from './lib/logger.js';
import type { StorageBackend } from './lib/storage/storage.types.js';
import type { RunWorker } from './modules/pipeline/runs/run-worker.js';
import { openApiDocument } from './lib/openapi.js';
import { requestId } from './lib/http/request-id.js';
import { errorMiddleware, notFoundHandler } from './lib/http/error-middleware.js';
import { clientAppRouter } from './lib/http/client-app.js';
import { healthRouter } from './modules/health/health.routes.js';
import { apiRouter } from './api-router.js';

/** What the app is built from: the runtime plus services that need one instance per process. */
export interface AppContext {
  config: AppConfig;
  db: Database;
  logger: Logger;
  storage: StorageBackend;
  /** The in-process run worker, when this process executes runs (woken when a run is queued). */
  runWorker?: Pick<RunWorker, 'notify'>;
}

/** Signed download links carry their credential in the path: keep it out of the logs. */
export function redactUrl(url: string): string {
  return url.replace(/(\/api\/files\/signed\/)[^/?#]+/, '$1[redacted]');
}

export function createApp(context: AppContext): Express {
  const { config, db, logger } = context;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', config.trustProxy);

  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      autoLogging: { ignore: (req) => req.url === '/health' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: redactUrl(req.url),
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: config.environment === 'production',
    }),
  );
  app.use(
    cors({
      origin: config.corsOrigins.includes('*') ? true : config.corsOrigins,
      credentials: !config.corsOrigins.includes('*'),
      exposedHeaders: ['X-Total-Count', 'X-Request-Id', 'Content-Disposition', 'Retry-After'],
    }),
  );
  app.use(express.json({ limit: '1mb' }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));

  app.use(healthRouter(db));
  app.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.use(
    '/docs',
    swaggerUi.serveFiles(undefined, { swaggerOptions: { url: '/openapi.json' } }),
    swaggerUi.setup(undefined, {
      customSiteTitle: 'Loan Engine API — docs',
      swaggerOptions: { url: '/openapi.json', persistAuthorization: true, validatorUrl: null },
    }),
  );

  app.use('/api', apiRouter(context));
  app.use(clientAppRouter(config.clientDistPath));
  app.use(notFoundHandler);
  app.use(errorMiddleware(logger));
  return app;
}
