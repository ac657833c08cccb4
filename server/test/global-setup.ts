// Prepares migrated template databases once per `vitest run`: a SQLite file, and (when
// TEST_DATABASE_URL reaches a server) a PostgreSQL template database. Each test file then copies
// its own database from them, so suites never share state and never run migrations twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { TestProject } from 'vitest/node';
import { runPrisma } from '../../scripts/lib/prisma-cli.mjs';
import { createThrowawayDatabase } from '../../scripts/lib/pg-admin.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    sqliteTemplate: string;
    pgAdminUrl: string | null;
    pgTemplate: string | null;
  }
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((line) => line.length)) + 4;
  const rule = '!'.repeat(width);
  console.warn(`\n${rule}\n${lines.map((line) => `! ${line.padEnd(width - 4)} !`).join('\n')}\n${rule}\n`);
}

export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'le-test-template-'));
  const sqliteTemplate = join(dir, 'template.db');
  runPrisma(['migrate', 'deploy'], { databaseUrl: `file:${sqliteTemplate}`, capture: true });
  project.provide('sqliteTemplate', sqliteTemplate);

  const pgAdminUrl = process.env.TEST_DATABASE_URL?.trim() || null;
  let dropTemplate: (() => Promise<void>) | undefined;
  let reason = 'TEST_DATABASE_URL is not set';
  if (pgAdminUrl) {
    try {
      const template = await createThrowawayDatabase(pgAdminUrl, 'le_test_template');
      runPrisma(['migrate', 'deploy'], { databaseUrl: template.url, capture: true });
      project.provide('pgAdminUrl', pgAdminUrl);
      project.provide('pgTemplate', template.name);
      dropTemplate = template.drop;
    } catch (error) {
      reason = `PostgreSQL at TEST_DATABASE_URL is unreachable: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  if (!dropTemplate) {
    project.provide('pgAdminUrl', null);
    project.provide('pgTemplate', null);
    if (process.env.CI) throw new Error(`CI needs PostgreSQL for the test suite — ${reason}`);
    banner([
      'POSTGRESQL SUITES SKIPPED',
      reason,
      'Only SQLite was tested. Set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres',
    ]);
  }

  return async () => {
    await dropTemplate?.();
    rmSync(dir, { recursive: true, force: true });
  };
}
