// docker-compose.yml: accepted by docker-compose (Debian's 1.29, or the `docker compose` plugin),
// with and without the optional `s3` profile, and shaped as issue 6 asks.
import { describe, expect, it } from 'vitest';
import { commandWorks, outputOf, readRepoFile, requireTool, run } from './helpers.js';

const compose: { command: string; prefix: string[] } | null = commandWorks('docker-compose', ['version'])
  ? { command: 'docker-compose', prefix: [] }
  : commandWorks('docker', ['compose', 'version'])
    ? { command: 'docker', prefix: ['compose'] }
    : null;
const MISSING = 'docker-compose is not installed (apt-get install -y --no-install-recommends docker-compose)';

describe('docker-compose.yml', () => {
  const text = readRepoFile('docker-compose.yml');

  it('is accepted by `docker-compose config`', (ctx) => {
    requireTool(ctx, compose !== null, MISSING);
    const result = run(compose!.command, [...compose!.prefix, '-f', 'docker-compose.yml', 'config', '-q']);
    expect(result.status, outputOf(result)).toBe(0);
  });

  it('is accepted with the s3 profile too', (ctx) => {
    requireTool(ctx, compose !== null, MISSING);
    const result = run(compose!.command, [
      ...compose!.prefix,
      '-f',
      'docker-compose.yml',
      '--profile',
      's3',
      'config',
      '-q',
    ]);
    expect(result.status, outputOf(result)).toBe(0);
  });

  it('lists the db, app and client services (s3 behind a profile)', (ctx) => {
    requireTool(ctx, compose !== null, MISSING);
    const result = run(compose!.command, [...compose!.prefix, '-f', 'docker-compose.yml', 'config', '--services']);
    expect(result.status, outputOf(result)).toBe(0);
    expect(result.stdout.split('\n').filter(Boolean)).toEqual(expect.arrayContaining(['db', 'app', 'client']));
    expect(text).toMatch(/^ {2}s3:\n {4}profiles: \['s3'\]/m);
  });

  it('runs PostgreSQL 15 with a health check and a named volume, and starts the app once it is healthy', () => {
    expect(text).toMatch(/^ {4}image: postgres:15$/m);
    expect(text).toMatch(/pg_isready/);
    expect(text).toMatch(/- pgdata:\/var\/lib\/postgresql\/data/);
    expect(text).toMatch(/depends_on:\n\s+db:\n\s+condition: service_healthy/);
  });

  it('builds the app from deploy/Dockerfile with the seed matrix environment and a storage volume', () => {
    expect(text).toMatch(/context: \.\n\s+dockerfile: deploy\/Dockerfile/);
    for (const variable of [
      'ENVIRONMENT',
      'DATABASE_URL',
      'STORAGE_TYPE',
      'LOCAL_STORAGE_PATH',
      'SECRET_KEY',
      'ADMIN_PASSWORD',
      'CORS_ORIGINS',
    ]) {
      expect(text, variable).toMatch(new RegExp(`^ {6}${variable}: `, 'm'));
    }
    expect(text).toContain('DATABASE_URL: postgresql://postgres:postgres@db:5432/loan_engine');
    expect(text).toMatch(/- app_storage:\/app\/storage/);
  });

  it('proxies the Vite dev server to the app', () => {
    expect(text).toContain('VITE_API_PROXY_TARGET: http://app:8000');
    expect(readRepoFile('client/vite.config.ts')).toContain('VITE_API_PROXY_TARGET');
  });
});
