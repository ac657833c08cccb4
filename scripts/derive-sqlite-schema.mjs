#!/usr/bin/env node
// Derives prisma/sqlite/schema.prisma from the authoritative PostgreSQL schema: same models,
// provider switched, native @db.* types dropped, client generated to its own folder.
// `--check` exits 1 when the committed SQLite schema is stale (used by db:check).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourcePath = join(root, 'prisma/schema.prisma');
const targetPath = join(root, 'prisma/sqlite/schema.prisma');

export function deriveSqliteSchema(source) {
  const body = source
    .replace(/^\/\/ The authoritative schema[\s\S]*?\n(?=\n)/m, '')
    .replace('provider = "postgresql"', 'provider = "sqlite"')
    .replace('output     = "../server/generated/pg"', 'output     = "../../server/generated/sqlite"')
    .replace(/[ \t]*@db\.\w+(\([^)]*\))?/g, '');
  return (
    '// GENERATED from prisma/schema.prisma by scripts/derive-sqlite-schema.mjs — do not edit.\n' + body.trimStart()
  );
}

const derived = deriveSqliteSchema(readFileSync(sourcePath, 'utf8'));
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(targetPath, 'utf8');
  } catch {
    /* missing counts as stale */
  }
  if (current !== derived) {
    console.error('prisma/sqlite/schema.prisma is stale: run `npm run db:sqlite-schema`.');
    process.exit(1);
  }
  console.log('SQLite schema is in sync with prisma/schema.prisma.');
} else {
  mkdirSync(dirname(targetPath), { recursive: true });
  writeFileSync(targetPath, derived);
  console.log(`wrote ${targetPath}`);
}
