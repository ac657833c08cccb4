// The real entry point in a child process: start-up validation and graceful shutdown.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './databases.js';

const require = createRequire(import.meta.url);
const tsx = require.resolve('tsx/cli');
const entry = join(import.meta.dirname, '../src/index.ts');

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runEntry(
  env: Record<string, string>,
  args: string[] = [],
  onStdout?: (text: string, kill: () => void) => void,
): Promise<Exit> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsx, entry, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onStdout?.(stdout, () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('start-up', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('when the environment is malformed, then the process exits 1 naming every bad variable, without a stack trace', async () => {
    const result = await runEntry({
      DATABASE_URL: 'mysql://db/x',
      PORT: 'abc',
      STORAGE_TYPE: 'ftp',
      ENVIRONMENT: 'test',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Loan Engine cannot start');
    expect(result.stderr).toMatch(/DATABASE_URL must be file:<path> \(SQLite\) or postgresql:/);
    expect(result.stderr).toMatch(/PORT must be a whole number/);
    expect(result.stderr).toMatch(/STORAGE_TYPE must be local or s3/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('when production runs with the default secret, then it refuses to start', async () => {
    const result = await runEntry({
      ENVIRONMENT: 'production',
      DATABASE_URL: database.url,
      SECRET_KEY: 'dev-secret-key-change-in-production',
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('SECRET_KEY must be set to a private random value in production');
  });

  it('when started with --bootstrap and then sent SIGTERM, then it serves, seeds, and shuts down cleanly', async () => {
    const port = await freePort();
    let checked = false;
    let readiness: unknown;
    const result = await runEntry(
      {
        ENVIRONMENT: 'test',
        LOG_LEVEL: 'info',
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        SECRET_KEY: 'x'.repeat(40),
      },
      ['--bootstrap'],
      (stdout, kill) => {
        if (checked || !stdout.includes('Loan Engine listening')) return;
        checked = true;
        fetch(`http://127.0.0.1:${port}/health/ready`)
          .then(async (res) => {
            readiness = { status: res.status, body: await res.json() };
          })
          .finally(kill);
      },
    );
    expect(readiness).toMatchObject({ status: 200, body: { database: 'connected' } });
    expect(result.stdout).toContain('Created Team Alpha');
    expect(result.stdout).toContain('Admin user created');
    expect(result.stdout).toContain('shutdown complete');
    expect(result.code).toBe(0);
  });
});
