#!/usr/bin/env node
// `npm run init-db`: prepares the database DATABASE_URL names (or the embedded SQLite file) once:
// migrations → admin user → sales teams. Every step is idempotent, so running it again is safe.
// Windows: scripts/init-db.ps1.
import { loadDotEnv, runNpm } from './lib/dev-tools.mjs';
import { migrateDatabase } from './db-migrate.mjs';

loadDotEnv();

function fail(step, detail) {
  console.error(`init-db: ${step} failed${detail ? `: ${detail}` : ' (see above)'}`);
  process.exit(1);
}

console.log('init-db: 1/3 applying migrations');
try {
  migrateDatabase();
} catch (error) {
  fail('applying migrations', error.message);
}

console.log('init-db: 2/3 creating the admin user');
if (runNpm(['run', 'create-admin', '-w', 'server', '--silent']) !== 0) fail('creating the admin user');

console.log('init-db: 3/3 seeding reference data');
if (runNpm(['run', 'db:seed', '-w', 'server', '--silent']) !== 0) fail('seeding reference data');

console.log('init-db: done');
