// The database client: one Prisma client per process, provider chosen from DATABASE_URL.
// Two clients are generated (PostgreSQL and SQLite, see prisma/); both expose the same models,
// so the rest of the code is typed against the PostgreSQL client.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient as PgPrismaClient, Prisma } from '../../generated/pg/index.js';
const PgPrisma = Prisma;
import { PrismaClient as SqlitePrismaClient, Prisma as SqlitePrisma } from '../../generated/sqlite/index.js';
import type { DatabaseProvider } from './config.js';
import { postgresBulkInserter, sqliteBulkInserter, type BulkInserter } from './bulk-insert.js';
import { noRunLock, postgresRunLock, type TryRunLock } from './run-lock.js';

export type DbClient = PgPrismaClient;
export type DbTransaction = Prisma.TransactionClient;
export { Prisma };

export interface Database {
  provider: DatabaseProvider;
  /** For SQLite: the database file (used by the bulk-write path). */
  url: string;
  prisma: DbClient;
  /** Many-row inserts on a dedicated connection (see bulk-insert.ts); for repositories only. */
  bulk: BulkInserter;
  /** Takes the cluster-wide "one run at a time" lock, or answers null while another instance holds it. */
  tryRunLock: TryRunLock;
  ping(): Promise<void>;
  disconnect(): Promise<void>;
}

/**
 * A Prisma "known request" error (P2002 unique violation, P2025 not found, …) from either
 * generated client: the PostgreSQL and SQLite clients each have their own error class, so
 * `instanceof` against one of them misses the other's errors.
 */
export function knownPrismaErrorCode(error: unknown): string | null {
  if (
    error instanceof PgPrisma.PrismaClientKnownRequestError ||
    error instanceof SqlitePrisma.PrismaClientKnownRequestError
  ) {
    return error.code;
  }
  return null;
}

export function sqliteFile(url: string): string {
  return url.slice('file:'.length);
}

export async function connectDatabase({
  url,
  provider,
}: {
  url: string;
  provider: DatabaseProvider;
}): Promise<Database> {
  let prisma: DbClient;
  if (provider === 'sqlite') {
    mkdirSync(dirname(sqliteFile(url)), { recursive: true });
    const adapter = new PrismaBetterSQLite3({ url, timeout: 10_000 });
    prisma = new SqlitePrismaClient({ adapter }) as unknown as DbClient;
    // WAL lets readers (API requests) proceed while a run writes; busy_timeout waits instead of
    // failing when two writers meet.
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$queryRawUnsafe('PRAGMA busy_timeout = 10000');
  } else {
    const adapter = new PrismaPg({ connectionString: url, connectionTimeoutMillis: 5_000, max: 10 });
    prisma = new PgPrismaClient({ adapter });
  }
  const bulk = provider === 'sqlite' ? sqliteBulkInserter(sqliteFile(url)) : postgresBulkInserter(url);
  return {
    provider,
    url,
    prisma,
    bulk,
    tryRunLock: provider === 'sqlite' ? noRunLock : postgresRunLock(url),
    async ping() {
      await prisma.$queryRawUnsafe('SELECT 1');
    },
    async disconnect() {
      await bulk.close();
      await prisma.$disconnect();
    },
  };
}
