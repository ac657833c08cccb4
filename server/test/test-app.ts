// Builds the real app on a fresh database for an integration suite.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll } from 'vitest';
import type { Express } from 'express';
import { createApp, type AppContext } from '../src/app.js';
import { loadConfig, type DatabaseProvider } from '../src/lib/config.js';
import { connectDatabase } from '../src/lib/db.js';
import { createLogger } from '../src/lib/logger.js';
import { createStorage } from '../src/lib/storage/storage.js';
import { runWorkerFor } from '../src/modules/pipeline/runs/run-worker.factory.js';
import type { RunWorker } from '../src/modules/pipeline/runs/run-worker.js';
import { createTestDatabase, type TestDatabase } from './databases.js';

export interface TestApp extends AppContext {
  app: Express;
  storageRoot: string;
  /** Present with `{ worker: true }`: the real run worker, polling fast; `await runWorker.idle()` waits for queued runs. */
  runWorker?: RunWorker;
}

export function testEnv(databaseUrl: string, storageRoot: string, overrides: Record<string, string> = {}) {
  return {
    ENVIRONMENT: 'test',
    DATABASE_URL: databaseUrl,
    SECRET_KEY: 'test-secret-key-for-integration-suites-only-0123456789',
    LOCAL_STORAGE_PATH: storageRoot,
    CLIENT_DIST_PATH: join(storageRoot, 'no-client-build'),
    ...overrides,
  };
}

/** Registers beforeAll/afterAll hooks; read the returned object's fields inside tests. */
export function useTestApp(
  provider: DatabaseProvider,
  overrides: Record<string, string> = {},
  options: { worker?: boolean } = {},
): TestApp {
  const holder = {} as TestApp;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
    const storageRoot = mkdtempSync(join(tmpdir(), 'le-test-storage-'));
    const config = loadConfig(testEnv(database.url, storageRoot, overrides));
    const db = await connectDatabase(config.database);
    const logger = createLogger('silent');
    Object.assign(holder, { config, db, logger, storageRoot, storage: createStorage(config) });
    if (options.worker) {
      holder.runWorker = runWorkerFor(holder, { pollMs: 50, staleAfterSeconds: holder.config.runStaleAfterSeconds });
      await holder.runWorker.start();
    }
    holder.app = createApp(holder);
  });
  afterAll(async () => {
    await holder.runWorker?.stop();
    await holder.db?.disconnect();
    await database?.drop();
    if (holder.storageRoot) rmSync(holder.storageRoot, { recursive: true, force: true });
  });
  return holder;
}
