#!/usr/bin/env node
// `npm run db:check`: proves that each provider's migration history, applied to an empty
// database, produces exactly the schema (the seed's "autogenerate gives an empty migration").
//  1. prisma/sqlite/schema.prisma is the current derivation of prisma/schema.prisma.
//  2. PostgreSQL: a throwaway database gets `migrate deploy`; then `migrate diff --from-migrations
//     … --to-schema-datamodel … --exit-code` (shadow database) must find nothing to change.
//  3. SQLite: one fresh file gets `migrate deploy`, another gets the from-empty script of the
//     schema; their tables, columns, indexes and foreign keys must be identical.
// PostgreSQL comes from TEST_DATABASE_URL (an admin URL), default postgres@127.0.0.1:5432.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { projectRoot } from './lib/database-url.mjs';
import { runPrisma } from './lib/prisma-cli.mjs';
import { createThrowawayDatabase, DEFAULT_PG_ADMIN_URL } from './lib/pg-admin.mjs';

const failures = [];

function step(label, fn) {
  return Promise.resolve()
    .then(fn)
    .then(() => console.log(`ok   ${label}`))
    .catch((error) => {
      failures.push(label);
      console.error(`FAIL ${label}\n     ${String(error.message).split('\n').join('\n     ')}`);
    });
}

function describeSqlite(file) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    return tables.map((table) => ({
      table,
      columns: db.prepare(`PRAGMA table_info("${table}")`).all(),
      indexes: db
        .prepare(`PRAGMA index_list("${table}")`)
        .all()
        .map((index) => ({ ...index, seq: undefined, columns: db.prepare(`PRAGMA index_info("${index.name}")`).all() }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      foreignKeys: db.prepare(`PRAGMA foreign_key_list("${table}")`).all(),
    }));
  } finally {
    db.close();
  }
}

await step('SQLite schema derived from the PostgreSQL schema is current', () =>
  execFileSync(process.execPath, [join(projectRoot, 'scripts/derive-sqlite-schema.mjs'), '--check'], { stdio: 'pipe' }),
);

await step('PostgreSQL: migration history applies and matches prisma/schema.prisma', async () => {
  const adminUrl = process.env.TEST_DATABASE_URL || DEFAULT_PG_ADMIN_URL;
  let database;
  try {
    database = await createThrowawayDatabase(adminUrl, 'le_dbcheck');
  } catch (error) {
    throw new Error(`PostgreSQL unreachable at ${new URL(adminUrl).host} (${error.message}); set TEST_DATABASE_URL`);
  }
  try {
    runPrisma(['migrate', 'deploy'], { databaseUrl: database.url, capture: true });
    const diff = runPrisma(
      [
        'migrate',
        'diff',
        '--from-migrations',
        'prisma/migrations',
        '--to-schema-datamodel',
        'prisma/schema.prisma',
        '--script',
        '--exit-code',
      ],
      { databaseUrl: database.url, capture: true, allowExitCodes: [0, 2] },
    );
    if (diff.status === 2) throw new Error(`migrations and schema differ; missing migration:\n${diff.stdout}`);
  } finally {
    await database.drop();
  }
});

await step('SQLite: migration history applies and matches prisma/sqlite/schema.prisma', () => {
  const dir = mkdtempSync(join(tmpdir(), 'le-dbcheck-'));
  try {
    const migrated = join(dir, 'migrated.db');
    const direct = join(dir, 'direct.db');
    runPrisma(['migrate', 'deploy'], { databaseUrl: `file:${migrated}`, capture: true });
    const script = runPrisma(
      ['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/sqlite/schema.prisma', '--script'],
      { databaseUrl: `file:${direct}`, capture: true },
    ).stdout;
    const db = new Database(direct);
    db.exec(script);
    db.close();
    const expected = JSON.stringify(describeSqlite(direct), null, 1);
    const actual = JSON.stringify(describeSqlite(migrated), null, 1);
    if (expected !== actual) throw new Error(`schemas differ\nfrom migrations: ${actual}\nfrom schema: ${expected}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

if (failures.length) {
  console.error(`db:check failed: ${failures.length} check(s)`);
  process.exit(1);
}
console.log('db:check passed: both migration histories produce exactly the schema');
