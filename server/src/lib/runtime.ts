// Everything a process needs before it can do work: config (parsed once), logger, database.
// Shared by the HTTP server and the admin CLIs.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, projectRoot, type AppConfig } from './config.js';
import { connectDatabase, type Database } from './db.js';
import { createLogger, type Logger } from './logger.js';
import { createStorage } from './storage/storage.js';
import type { StorageBackend } from './storage/storage.types.js';

export interface Runtime {
  config: AppConfig;
  logger: Logger;
  db: Database;
  storage: StorageBackend;
}

/** Reads `.env` at the project root when there is one; real environment variables win. */
function loadDotEnv(): void {
  const file = join(projectRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

export async function createRuntime(env?: NodeJS.ProcessEnv): Promise<Runtime> {
  if (!env) loadDotEnv();
  const config = loadConfig(env ?? process.env);
  const logger = createLogger(config.logLevel);
  const db = await connectDatabase(config.database);
  return { config, logger, db, storage: createStorage(config) };
}

/** For entry points: prints a configuration error as a readable list (no stack) and exits 1. */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(`Loan Engine cannot start. ${error.message}`);
  } else {
    console.error('Loan Engine cannot start:', error instanceof Error ? error.message : error);
  }
  process.exit(1);
}
