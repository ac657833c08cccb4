import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, projectRoot } from '../config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('loadConfig', () => {
  it('when nothing is set, then it runs in development on the embedded SQLite file and local storage', () => {
    const config = loadConfig({ ENVIRONMENT: 'test' });
    expect(config.database).toEqual({ provider: 'sqlite', url: `file:${projectRoot}/data/loan-engine.db` });
    expect(config.port).toBe(8000);
    expect(config.storage.type).toBe('local');
    expect(config.storage.localPath).toBe(`${projectRoot}/storage`);
    expect(config.corsOrigins).toEqual(['http://localhost:5173', 'http://localhost:3000']);
    expect(config.auth.jwtAlgorithm).toBe('HS256');
    expect(config.auth.accessTokenExpireMinutes).toBe(480);
  });

  it('when several variables are bad, then one error names every one of them', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://x',
      PORT: 'abc',
      STORAGE_TYPE: 'ftp',
      ACCESS_TOKEN_EXPIRE_MINUTES: '-5',
    });
    expect(problems).toHaveLength(4);
    expect(problems.find((p) => p.startsWith('DATABASE_URL'))).toMatch(/file:<path> \(SQLite\) or postgresql:\/\//);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/whole number/);
    expect(problems.find((p) => p.startsWith('STORAGE_TYPE'))).toMatch(/local or s3/);
    expect(problems.find((p) => p.startsWith('ACCESS_TOKEN_EXPIRE_MINUTES'))).toBeDefined();
  });

  it('when PORT is out of range or the time zone is unknown, then it says so', () => {
    expect(problemsOf({ PORT: '70000' })).toEqual(['PORT must be at most 65535']);
    expect(problemsOf({ BUSINESS_TIMEZONE: 'Mars/Olympus' })[0]).toMatch(/^BUSINESS_TIMEZONE is not an IANA time zone/);
  });

  it('when DATABASE_URL is PostgreSQL, then the provider follows it', () => {
    const config = loadConfig({ ENVIRONMENT: 'test', DATABASE_URL: 'postgresql://u:p@db:5432/loan_engine' });
    expect(config.database).toEqual({ provider: 'postgresql', url: 'postgresql://u:p@db:5432/loan_engine' });
    expect(problemsOf({ DATABASE_URL: 'postgresql://' })[0]).toMatch(/^DATABASE_URL/);
  });

  it('when CORS_ORIGINS is the seed JSON list or a comma list, then both parse; a bad origin is named', () => {
    expect(
      loadConfig({ ENVIRONMENT: 'test', CORS_ORIGINS: '["http://a.test:5173","https://b.test"]' }).corsOrigins,
    ).toEqual(['http://a.test:5173', 'https://b.test']);
    expect(loadConfig({ ENVIRONMENT: 'test', CORS_ORIGINS: 'http://a.test, http://b.test' }).corsOrigins).toEqual([
      'http://a.test',
      'http://b.test',
    ]);
    expect(problemsOf({ CORS_ORIGINS: '[not json' })).toEqual(['CORS_ORIGINS is not valid JSON']);
    expect(problemsOf({ CORS_ORIGINS: 'ftp://x' })[0]).toMatch(/"ftp:\/\/x" is not an origin/);
  });

  it('when production has a default or short SECRET_KEY or the default admin password, then it refuses to start', () => {
    expect(problemsOf({ ENVIRONMENT: 'production' })).toContain(
      'SECRET_KEY must be set to a private random value in production',
    );
    expect(problemsOf({ ENVIRONMENT: 'production', SECRET_KEY: 'dev-secret-key-change-in-production' })).toContain(
      'SECRET_KEY must be set to a private random value in production',
    );
    expect(problemsOf({ ENVIRONMENT: 'production', SECRET_KEY: 'short' })).toContain(
      'SECRET_KEY must be at least 32 characters in production',
    );
    expect(problemsOf({ ENVIRONMENT: 'production', SECRET_KEY: 'x'.repeat(40), ADMIN_PASSWORD: 'changeme' })).toContain(
      'ADMIN_PASSWORD must not be the default password in production',
    );
    expect(
      problemsOf({ ENVIRONMENT: 'production', SECRET_KEY: 'x'.repeat(40), ADMIN_PASSWORD: 'a-strong-password' }),
    ).toEqual([]);
  });

  it('when extensions are listed without dots or the proxy count is set, then they are normalised and parsed', () => {
    const config = loadConfig({ ENVIRONMENT: 'test', ALLOWED_INPUT_EXTENSIONS: 'csv, .XLSX', TRUST_PROXY: '1' });
    expect(config.storage.allowedInputExtensions).toEqual(['.csv', '.xlsx']);
    expect(config.trustProxy).toBe(1);
    expect(loadConfig({ ENVIRONMENT: 'test' }).trustProxy).toBe(0);
  });

  it('when a run schedule is configured, then its cron expression is checked and its settings parsed', () => {
    expect(loadConfig({ ENVIRONMENT: 'test' }).runSchedule).toBeNull();
    expect(
      loadConfig({ ENVIRONMENT: 'test', RUN_SCHEDULE: '30 6 * * 1-5', RUN_SCHEDULE_TEAM: 'Team Beta' }).runSchedule,
    ).toEqual({
      cron: '30 6 * * 1-5',
      folderTemplate: '{pdate}',
      teamName: 'Team Beta',
      irrTarget: 8.05,
    });
    expect(problemsOf({ RUN_SCHEDULE: 'every morning', RUN_SCHEDULE_IRR_TARGET: '120' })).toEqual([
      'RUN_SCHEDULE is not a cron expression such as "0 7 * * 1-5"',
      'RUN_SCHEDULE_IRR_TARGET must be less than 100',
    ]);
  });

  it('when STORAGE_TYPE is s3 without a bucket, then it asks for S3_BUCKET_NAME', () => {
    expect(problemsOf({ STORAGE_TYPE: 's3' })).toEqual(['S3_BUCKET_NAME is required when STORAGE_TYPE=s3']);
  });

  it('when ENVIRONMENT is not one of the three, then it lists the allowed values', () => {
    expect(problemsOf({ ENVIRONMENT: 'staging' })).toEqual([
      'ENVIRONMENT must be one of development, test, production',
    ]);
  });
});
