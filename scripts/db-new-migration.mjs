#!/usr/bin/env node
// Authors a migration for BOTH providers from the change to prisma/schema.prisma:
//   npm run db:new-migration -- <name>
// PostgreSQL: `migrate diff --from-migrations` (shadow database on the local server).
// SQLite: `migrate diff` from the last committed SQLite schema (git HEAD) to the newly derived one,
// because SQLite's shadow-database path does not work engine-free (see README, "Data layer").
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { runPrisma } from './lib/prisma-cli.mjs';
import { projectRoot } from './lib/database-url.mjs';
import { DEFAULT_PG_ADMIN_URL } from './lib/pg-admin.mjs';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('usage: npm run db:new-migration -- <snake_case_name>');
  process.exit(2);
}
const pgUrl = process.env.TEST_DATABASE_URL || DEFAULT_PG_ADMIN_URL;
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = `${stamp}_${name}`;

execFileSync(process.execPath, [join(projectRoot, 'scripts/derive-sqlite-schema.mjs')], { stdio: 'inherit' });

const pgFrom = existsSync(join(projectRoot, 'prisma/migrations/migration_lock.toml'))
  ? ['--from-migrations', 'prisma/migrations']
  : ['--from-empty'];
const pgSql = runPrisma(['migrate', 'diff', ...pgFrom, '--to-schema-datamodel', 'prisma/schema.prisma', '--script'], {
  databaseUrl: pgUrl,
  capture: true,
}).stdout;

const previous = spawnSync('git', ['show', 'HEAD:prisma/sqlite/schema.prisma'], { cwd: projectRoot, encoding: 'utf8' });
let fromArgs = ['--from-empty'];
if (previous.status === 0) {
  const file = join(mkdtempSync(join(tmpdir(), 'le-schema-')), 'schema.prisma');
  writeFileSync(file, previous.stdout);
  fromArgs = ['--from-schema-datamodel', file];
}
const sqliteSql = runPrisma(
  ['migrate', 'diff', ...fromArgs, '--to-schema-datamodel', 'prisma/sqlite/schema.prisma', '--script'],
  { databaseUrl: 'file:./data/authoring.db', capture: true },
).stdout;

for (const [dir, sql, provider] of [
  ['prisma/migrations', pgSql, 'postgresql'],
  ['prisma/sqlite/migrations', sqliteSql, 'sqlite'],
]) {
  if (!/\S/.test(sql.replace(/^--.*$/gm, ''))) {
    console.log(`${provider}: no schema change, no migration written`);
    continue;
  }
  mkdirSync(join(projectRoot, dir, folder), { recursive: true });
  writeFileSync(join(projectRoot, dir, folder, 'migration.sql'), sql);
  writeFileSync(join(projectRoot, dir, 'migration_lock.toml'), `provider = "${provider}"\n`);
  console.log(`${provider}: wrote ${dir}/${folder}/migration.sql`);
}
