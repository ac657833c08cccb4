// One run executes at a time across every app instance sharing the database, so two instances
// can never judge the same tape at once and both buy its loans (a run only sees purchases of
// runs that completed before it). PostgreSQL: a session advisory lock on a dedicated connection,
// released when the run ends — or by the server itself if the process dies. SQLite is one file
// on one host, served by one app process: the lock is a no-op there.
import pg from 'pg';

export interface RunLock {
  release(): Promise<void>;
}

export type TryRunLock = () => Promise<RunLock | null>;

/** "LoanEngine runs" — any constant works, as long as every instance uses the same one. */
const RUN_LOCK_KEY = 0x4c45_5255;

export const noRunLock: TryRunLock = async () => ({ release: async () => undefined });

export function postgresRunLock(url: string): TryRunLock {
  return async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('error', () => undefined); // a dropped connection simply releases the lock
    await client.connect();
    try {
      const result = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
        RUN_LOCK_KEY,
      ]);
      if (!result.rows[0]?.locked) {
        await client.end();
        return null;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    return {
      async release() {
        await client.query('SELECT pg_advisory_unlock($1)', [RUN_LOCK_KEY]).catch(() => undefined);
        await client.end().catch(() => undefined);
      },
    };
  };
}
