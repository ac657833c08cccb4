#!/usr/bin/env node
// Generates both Prisma clients (PostgreSQL and SQLite) — engine-free, no download.
// Runs after every `npm install`; the app picks one of them at start-up from DATABASE_URL.
import { runPrisma } from './lib/prisma-cli.mjs';

const targets = [
  ['PostgreSQL', 'postgresql://generate@127.0.0.1:5432/generate'],
  ['SQLite', 'file:./data/generate.db'],
];
for (const [label, databaseUrl] of targets) {
  runPrisma(['generate', '--no-hints'], { databaseUrl, capture: true });
  console.log(`prisma: generated the ${label} client`);
}
