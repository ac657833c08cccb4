#!/usr/bin/env node
// `npm run db:migrate`: applies the migration history for the provider DATABASE_URL names
// (prisma migrate deploy, engine-free). With no DATABASE_URL: the embedded SQLite file.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { resolveDatabaseUrl, sqliteFilePath } from './lib/database-url.mjs';
import { runPrisma } from './lib/prisma-cli.mjs';

export function migrateDatabase(rawUrl = process.env.DATABASE_URL, { quiet = false } = {}) {
  const { provider, url } = resolveDatabaseUrl(rawUrl);
  if (provider === 'sqlite') mkdirSync(dirname(sqliteFilePath(url)), { recursive: true });
  const { stdout, stderr } = runPrisma(['migrate', 'deploy'], { databaseUrl: url, capture: true });
  if (!quiet) {
    const lines = `${stdout}${stderr}`.split('\n').filter((l) => /migration|applied|No pending/i.test(l));
    console.log(`db:migrate (${provider}): ${lines.join(' ').trim() || 'done'}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    migrateDatabase();
  } catch (error) {
    console.error(`db:migrate failed: ${error.message}`);
    process.exit(1);
  }
}
