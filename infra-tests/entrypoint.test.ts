// deploy/entrypoint.sh, run for real from the checkout against the local PostgreSQL with a
// throwaway database: migrate → seed → admin → server answering /health/ready, a clean exit on
// SIGTERM, and refusal (non-zero, server never started) of a default admin password in production.
// The checkout may have no build, so the entrypoint runs the TypeScript sources through tsx
// (LOAN_ENGINE_RUNNER=tsx); the image runs the compiled server/dist the same way.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { createThrowawayDatabase, DEFAULT_PG_ADMIN_URL } from '../scripts/lib/pg-admin.mjs';
import { DEFAULT_SALES_TEAMS } from '../server/src/modules/sales-teams/sales-teams.service.js';
import { repoRoot, requireTool } from './helpers.js';

const ADMIN_URL = process.env.TEST_DATABASE_URL?.trim() || DEFAULT_PG_ADMIN_URL;

/** The admin URL for messages, without its password. */
function withoutPassword(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

const STARTUP_TIMEOUT_MS = 90_000;
const ADMIN_USERNAME = 'admin'; // the seed's contract: `create_admin` makes the user `admin`

/** Configuration the tests set themselves; anything inherited (or from a local .env) is overridden. */
const CONTROLLED = [
  'DATABASE_URL',
  'ENVIRONMENT',
  'SECRET_KEY',
  'ADMIN_PASSWORD',
  'PORT',
  'HOST',
  'STORAGE_TYPE',
  'LOCAL_STORAGE_PATH',
  'CLIENT_DIST_PATH',
  'LOG_LEVEL',
  'S3_BUCKET_NAME',
  'S3_ENDPOINT',
  'CORS_ORIGINS',
  'LOAN_ENGINE_RUNNER',
  'LOAN_ENGINE_ROOT',
];

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

let postgresProblem: string | null = null;
let workDir = '';
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'le-entrypoint-'));
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    postgresProblem = `PostgreSQL at ${withoutPassword(ADMIN_URL)} is unreachable (${(error as Error).message}); set TEST_DATABASE_URL`;
  } finally {
    await client.end().catch(() => undefined);
  }
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

async function throwawayDatabase(): Promise<string> {
  const database = await createThrowawayDatabase(ADMIN_URL, 'le_infra_entrypoint');
  cleanups.push(() => database.drop());
  return database.url;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function startEntrypoint(overrides: Record<string, string>): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of CONTROLLED) delete env[key];
  Object.assign(env, {
    STORAGE_TYPE: 'local',
    LOCAL_STORAGE_PATH: join(workDir, 'storage'),
    CLIENT_DIST_PATH: join(workDir, 'no-client-build'),
    LOG_LEVEL: 'info',
    LOAN_ENGINE_RUNNER: 'tsx',
    ...overrides,
  });
  const child = spawn(join(repoRoot, 'deploy/entrypoint.sh'), [], {
    cwd: workDir, // the script finds the project from its own location
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return { child, output: () => output, exited };
}

const tail = (text: string) => `--- entrypoint output ---\n${text.slice(-4000)}`;

async function waitForReady(run: Run, port: number): Promise<{ status: number; body: Record<string, unknown> }> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let finished = false;
  void run.exited.then(() => (finished = true));
  while (Date.now() < deadline && !finished) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { status: 200, body: (await response.json()) as Record<string, unknown> };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the server did not become ready on port ${port}\n${tail(run.output())}`);
}

async function exitWithin(run: Run, ms: number) {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the entrypoint did not exit within ${ms} ms\n${tail(run.output())}`)),
      ms,
    );
  });
  try {
    return await Promise.race([run.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function listening(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1_000) });
    return true;
  } catch {
    return false;
  }
}

const strongSecret = () => randomBytes(20).toString('hex'); // 40 characters

function needPostgres(ctx: TestContext) {
  requireTool(ctx, postgresProblem === null, postgresProblem ?? '');
}

describe('deploy/entrypoint.sh', () => {
  it('migrates, seeds, creates the admin, serves /health/ready, and exits cleanly on SIGTERM', async (ctx) => {
    needPostgres(ctx);
    const databaseUrl = await throwawayDatabase();
    const port = await freePort();
    const run = startEntrypoint({
      ENVIRONMENT: 'production',
      DATABASE_URL: databaseUrl,
      SECRET_KEY: strongSecret(),
      ADMIN_PASSWORD: `Infra-${randomBytes(8).toString('hex')}`,
      PORT: String(port),
    });

    const ready = await waitForReady(run, port);
    expect(ready.body, tail(run.output())).toMatchObject({ status: 'ready', database: 'connected' });

    const output = run.output();
    const steps = [1, 2, 3].map((n) => output.indexOf(`step ${n}/4: `)).concat(output.indexOf('step 4/4: start'));
    expect(
      steps.every((index) => index > -1),
      tail(output),
    ).toBe(true);
    expect(
      [...steps].sort((a, b) => a - b),
      tail(output),
    ).toEqual(steps);
    expect(output).toMatch(/step 1\/4: apply database migrations: done/);

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const teams = await client.query<{ name: string }>('SELECT name FROM sales_teams ORDER BY name');
      expect(teams.rows.map((row) => row.name)).toEqual(expect.arrayContaining([...DEFAULT_SALES_TEAMS]));
      const admins = await client.query<{ role: string; is_active: boolean }>(
        'SELECT role, is_active FROM users WHERE username = $1',
        [ADMIN_USERNAME],
      );
      expect(admins.rows).toEqual([{ role: 'admin', is_active: true }]);
    } finally {
      await client.end();
    }

    run.child.kill('SIGTERM');
    const exit = await exitWithin(run, 20_000);
    expect(exit, tail(run.output())).toEqual({ code: 0, signal: null });
    expect(await listening(port)).toBe(false);
  });

  describe('in production, with a strong SECRET_KEY', () => {
    let databaseUrl = '';

    it('refuses to create the admin without ADMIN_PASSWORD, and never starts the server', async (ctx) => {
      needPostgres(ctx);
      databaseUrl = await throwawayDatabase();
      const port = await freePort();
      const run = startEntrypoint({
        ENVIRONMENT: 'production',
        DATABASE_URL: databaseUrl,
        SECRET_KEY: strongSecret(),
        ADMIN_PASSWORD: '', // unset (and shields a local .env)
        PORT: String(port),
      });
      const exit = await exitWithin(run, STARTUP_TIMEOUT_MS);
      const output = run.output();
      expect(exit.code, tail(output)).not.toBe(0);
      expect(output).toMatch(/Refusing to create the admin user with a default password in production/);
      expect(output).toMatch(/step 3\/4 \(ensure the admin user\) failed.*Not starting the server/);
      expect(output).not.toMatch(/step 4\/4|Loan Engine listening/);
      expect(await listening(port)).toBe(false);
    });

    it('refuses ADMIN_PASSWORD=changeme at the configuration check, and never starts the server', async (ctx) => {
      needPostgres(ctx);
      if (!databaseUrl) databaseUrl = await throwawayDatabase();
      const port = await freePort();
      const run = startEntrypoint({
        ENVIRONMENT: 'production',
        DATABASE_URL: databaseUrl,
        SECRET_KEY: strongSecret(),
        ADMIN_PASSWORD: 'changeme',
        PORT: String(port),
      });
      const exit = await exitWithin(run, STARTUP_TIMEOUT_MS);
      const output = run.output();
      expect(exit.code, tail(output)).not.toBe(0);
      expect(output).toMatch(/ADMIN_PASSWORD must not be the default password in production/);
      expect(output).toMatch(/step 2\/4 \(seed reference data \(sales teams\)\) failed.*Not starting the server/);
      expect(output).not.toMatch(/step 4\/4|Loan Engine listening/);
      expect(await listening(port)).toBe(false);
    });
  });
});
