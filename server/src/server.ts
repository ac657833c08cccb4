// Listens, and shuts down gracefully: stop accepting, let in-flight requests finish (bounded),
// stop background work, close the database.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import type { Runtime } from './lib/runtime.js';
import { runWorkerFor } from './modules/pipeline/runs/run-worker.factory.js';
import { runSchedulerFor } from './modules/pipeline/schedule/run-scheduler.factory.js';

const SHUTDOWN_GRACE_MS = 10_000;

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export async function startServer(runtime: Runtime, port = runtime.config.port): Promise<RunningServer> {
  const { config, logger, db } = runtime;
  const runWorker = runWorkerFor(runtime, { staleAfterSeconds: config.runStaleAfterSeconds });
  const app = createApp({ ...runtime, runWorker });
  const server = createServer(app);
  server.keepAliveTimeout = 65_000; // longer than an ALB's 60 s idle timeout
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, config.host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  logger.info(
    { port: actualPort, environment: config.environment, database: config.database.provider },
    'Loan Engine listening',
  );
  // Claims queued runs; its start-up sweep marks runs a previous process left running as interrupted.
  await runWorker.start();
  const scheduler = runSchedulerFor({ ...runtime, runWorker });
  scheduler?.start();

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      logger.info('shutting down: no new connections, finishing in-flight requests');
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const forced = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await stopped;
      clearTimeout(forced);
      await scheduler?.stop();
      await runWorker.stop();
      await db.disconnect();
      logger.info('shutdown complete');
    })();
    return closing;
  };
  return { server, port: actualPort, close };
}
