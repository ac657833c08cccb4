// Per-suite databases for integration tests: every suite gets a fresh, migrated database of each
// provider (a copy of the SQLite template file, or a PostgreSQL database cloned from the template)
// and drops it afterwards.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, inject } from 'vitest';
import { createThrowawayDatabase } from '../../scripts/lib/pg-admin.mjs';
import type { DatabaseProvider } from '../src/lib/config.js';

export interface TestDatabase {
  provider: DatabaseProvider;
  url: string;
  drop(): Promise<void>;
}

export const postgresAvailable = (): boolean => inject('pgTemplate') !== null;

export async function createTestDatabase(provider: DatabaseProvider): Promise<TestDatabase> {
  if (provider === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'le-test-db-'));
    const file = join(dir, 'test.db');
    copyFileSync(inject('sqliteTemplate'), file);
    return { provider, url: `file:${file}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const adminUrl = inject('pgAdminUrl');
  const template = inject('pgTemplate');
  if (!adminUrl || !template) throw new Error('PostgreSQL is not available for this test run');
  const database = await createThrowawayDatabase(adminUrl, 'le_test', { template });
  return { provider, url: database.url, drop: database.drop };
}

/** Declares the same suite once per database provider; PostgreSQL is skipped (loudly, in setup) when unavailable. */
export function describeEachDatabase(title: string, body: (provider: DatabaseProvider) => void): void {
  describe(`${title} [sqlite]`, () => body('sqlite'));
  describe.skipIf(!postgresAvailable())(`${title} [postgresql]`, () => body('postgresql'));
}
