#!/usr/bin/env node
// `npm run start-backend`: the API with reload on PORT (8000) — applies pending migrations first,
// then `tsx watch` (npm run dev -w server). Run `npm run init-db` once for the admin user and
// the sales teams. Windows: scripts/start-backend.ps1.
import { loadDotEnv, runNpmForeground } from './lib/dev-tools.mjs';
import { migrateDatabase } from './db-migrate.mjs';

loadDotEnv();
try {
  migrateDatabase();
} catch (error) {
  console.error(`start-backend: database migration failed: ${error.message}`);
  process.exit(1);
}
runNpmForeground(['run', 'dev', '-w', 'server', '--', ...process.argv.slice(2)]);
