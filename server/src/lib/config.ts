// The one place that reads the environment. Parsed once at start-up with zod; every problem is
// listed in a single error so a bad deployment fails fast with a message naming each variable.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const DEFAULT_DATABASE_URL = 'file:./data/loan-engine.db';
export const DEFAULT_SECRET_KEY = 'dev-secret-key-change-in-production';
export const DEFAULT_ADMIN_PASSWORD = 'changeme';

const booleanFromEnv = z
  .string()
  .trim()
  .toLowerCase()
  .refine((value) => ['true', 'false', '1', '0', 'yes', 'no', ''].includes(value), {
    message: 'must be true or false',
  })
  .transform((value) => ['true', '1', 'yes'].includes(value));

const integerFromEnv = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, { message: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { message: `must be at least ${min}` })
        .max(max, { message: `must be at most ${max}` }),
    );

const databaseUrl = z
  .string()
  .trim()
  .refine((value) => value.startsWith('file:') || /^postgres(ql)?:\/\/[^/\s]+\/\S+$/.test(value), {
    message: 'must be file:<path> (SQLite) or postgresql://user@host:port/database',
  })
  .refine((value) => value.startsWith('file:') || URL.canParse(value), { message: 'is not a valid URL' });

/** Accepts the seed's JSON list (`["http://a","http://b"]`) or a comma-separated list. */
const originList = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let list: unknown = value.split(',').map((item) => item.trim());
    if (value.startsWith('[')) {
      try {
        list = JSON.parse(value);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
        return z.NEVER;
      }
    }
    const parsed = z.array(z.string()).safeParse(list);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'must be a list of origins' });
      return z.NEVER;
    }
    const origins = parsed.data.filter(Boolean);
    const bad = origins.find((origin) => origin !== '*' && !/^https?:\/\/[^/\s]+$/.test(origin));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not an origin like http://host:port` });
      return z.NEVER;
    }
    return origins;
  });

const envSchema = z.object({
  APP_NAME: z.string().trim().min(1).default('loan-engine'),
  ENVIRONMENT: z
    .enum(['development', 'test', 'production'], {
      message: 'must be one of development, test, production',
    })
    .default('development'),
  DEBUG: booleanFromEnv.default(false),
  PORT: integerFromEnv(1, 65535).default(8000),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  DATABASE_URL: databaseUrl.default(DEFAULT_DATABASE_URL),
  SECRET_KEY: z.string().min(1).optional(),
  JWT_ALGORITHM: z.enum(['HS256', 'HS384', 'HS512'], { message: 'must be HS256, HS384 or HS512' }).default('HS256'),
  ACCESS_TOKEN_EXPIRE_MINUTES: integerFromEnv(1, 60 * 24 * 30).default(480),
  ADMIN_PASSWORD: z.string().min(1).optional(),
  LOGIN_MAX_FAILURES: integerFromEnv(1, 1000).default(5),
  LOGIN_MAX_ATTEMPTS_PER_IP: integerFromEnv(1, 100_000).default(50),
  LOGIN_WINDOW_MINUTES: integerFromEnv(1, 1440).default(15),
  STORAGE_TYPE: z.enum(['local', 's3'], { message: 'must be local or s3' }).default('local'),
  LOCAL_STORAGE_PATH: z.string().trim().min(1).default('./storage'),
  S3_BUCKET_NAME: z.string().trim().default(''),
  S3_REGION: z.string().trim().min(1).default('us-east-1'),
  S3_ENDPOINT: z.url({ message: 'must be a URL such as http://127.0.0.1:9000' }).optional(),
  AWS_ACCESS_KEY_ID: z.string().trim().optional(),
  AWS_SECRET_ACCESS_KEY: z.string().trim().optional(),
  CORS_ORIGINS: originList.default(['http://localhost:5173', 'http://localhost:3000']),
  MAX_UPLOAD_MB: integerFromEnv(1, 10_240).default(500),
  ALLOWED_INPUT_EXTENSIONS: z
    .string()
    .default('.csv,.xlsx,.xls,.txt,.json,.zip')
    .transform((value) =>
      value
        .split(',')
        .map((ext) => ext.trim().toLowerCase())
        .filter(Boolean)
        .map((ext) => (ext.startsWith('.') ? ext : `.${ext}`)),
    ),
  BUSINESS_TIMEZONE: z
    .string()
    .default('America/New_York')
    .refine(
      (zone) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: zone });
          return true;
        } catch {
          return false;
        }
      },
      { message: 'is not an IANA time zone such as America/New_York' },
    ),
  CLIENT_DIST_PATH: z.string().trim().optional(),
  RUN_STALE_AFTER_SECONDS: integerFromEnv(5, 86_400).default(60),
  TRUST_PROXY: integerFromEnv(0, 10).default(0),
  RUN_SCHEDULE: z
    .string()
    .trim()
    .refine((expression) => validateCron(expression), { message: 'is not a cron expression such as "0 7 * * 1-5"' })
    .optional(),
  RUN_SCHEDULE_FOLDER: z.string().trim().min(1).default('{pdate}'),
  RUN_SCHEDULE_TEAM: z.string().trim().min(1).optional(),
  RUN_SCHEDULE_IRR_TARGET: z.coerce
    .number({ message: 'must be a number' })
    .gt(0, { message: 'must be greater than 0' })
    .lt(100, { message: 'must be less than 100' })
    .default(8.05),
});

export type DatabaseProvider = 'sqlite' | 'postgresql';

export interface AppConfig {
  appName: string;
  environment: 'development' | 'test' | 'production';
  debug: boolean;
  port: number;
  host: string;
  logLevel: string;
  database: { url: string; provider: DatabaseProvider };
  auth: {
    secretKey: string;
    usingDefaultSecret: boolean;
    jwtAlgorithm: 'HS256' | 'HS384' | 'HS512';
    accessTokenExpireMinutes: number;
    /** Failed logins per username, and attempts per IP, allowed in one window before 429. */
    loginMaxFailures: number;
    loginMaxAttemptsPerIp: number;
    loginWindowMinutes: number;
  };
  adminPassword: string | undefined;
  storage: {
    type: 'local' | 's3';
    localPath: string;
    s3: {
      bucket: string;
      region: string;
      endpoint: string | undefined;
      accessKeyId: string | undefined;
      secretAccessKey: string | undefined;
    };
    maxUploadBytes: number;
    allowedInputExtensions: string[];
  };
  corsOrigins: string[];
  businessTimezone: string;
  clientDistPath: string;
  /** A running run whose worker has not reported for this long is marked failed as interrupted. */
  runStaleAfterSeconds: number;
  /**
   * How many proxies in front of the app to believe about the client address (X-Forwarded-For):
   * 0 when clients connect directly, 1 behind the AWS load balancer. Drives login throttling and audit IPs.
   */
  trustProxy: number;
  /** Scheduled runs (node-cron, in the business time zone); null when RUN_SCHEDULE is not set. */
  runSchedule: { cron: string; folderTemplate: string; teamName: string | null; irrTarget: number } | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function resolveFromRoot(path: string): string {
  return isAbsolute(path) ? path : join(projectRoot, path);
}

/** Resolves a relative `file:` URL against the project root, so every entry point agrees on one file. */
export function resolveDatabaseUrl(url: string): { url: string; provider: DatabaseProvider } {
  if (url.startsWith('file:')) return { url: `file:${resolveFromRoot(url.slice('file:'.length))}`, provider: 'sqlite' };
  return { url, provider: 'postgresql' };
}

/**
 * Development without SECRET_KEY gets a random key kept in data/.secret-key (so sessions survive a
 * restart) instead of a well-known fallback that anyone could sign tokens with.
 */
function developmentSecret(): string {
  const file = resolveFromRoot('data/.secret-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
    throw new ConfigError(problems);
  }
  const values = parsed.data;
  const problems: string[] = [];
  const production = values.ENVIRONMENT === 'production';
  if (production) {
    if (!values.SECRET_KEY || values.SECRET_KEY === DEFAULT_SECRET_KEY) {
      problems.push('SECRET_KEY must be set to a private random value in production');
    } else if (values.SECRET_KEY.length < 32) {
      problems.push('SECRET_KEY must be at least 32 characters in production');
    }
    if (values.ADMIN_PASSWORD === DEFAULT_ADMIN_PASSWORD) {
      problems.push('ADMIN_PASSWORD must not be the default password in production');
    }
  }
  if (values.STORAGE_TYPE === 's3' && !values.S3_BUCKET_NAME) {
    problems.push('S3_BUCKET_NAME is required when STORAGE_TYPE=s3');
  }
  if (problems.length) throw new ConfigError(problems);

  const secretKey =
    values.SECRET_KEY ?? (values.ENVIRONMENT === 'test' ? randomBytes(32).toString('hex') : developmentSecret());
  return {
    appName: values.APP_NAME,
    environment: values.ENVIRONMENT,
    debug: values.DEBUG,
    port: values.PORT,
    host: values.HOST,
    logLevel: values.LOG_LEVEL ?? (values.ENVIRONMENT === 'test' ? 'silent' : values.DEBUG ? 'debug' : 'info'),
    database: resolveDatabaseUrl(values.DATABASE_URL),
    auth: {
      secretKey,
      usingDefaultSecret: secretKey === DEFAULT_SECRET_KEY,
      jwtAlgorithm: values.JWT_ALGORITHM,
      accessTokenExpireMinutes: values.ACCESS_TOKEN_EXPIRE_MINUTES,
      loginMaxFailures: values.LOGIN_MAX_FAILURES,
      loginMaxAttemptsPerIp: values.LOGIN_MAX_ATTEMPTS_PER_IP,
      loginWindowMinutes: values.LOGIN_WINDOW_MINUTES,
    },
    adminPassword: values.ADMIN_PASSWORD,
    storage: {
      type: values.STORAGE_TYPE,
      localPath: resolveFromRoot(values.LOCAL_STORAGE_PATH),
      s3: {
        bucket: values.S3_BUCKET_NAME,
        region: values.S3_REGION,
        endpoint: values.S3_ENDPOINT,
        accessKeyId: values.AWS_ACCESS_KEY_ID,
        secretAccessKey: values.AWS_SECRET_ACCESS_KEY,
      },
      maxUploadBytes: values.MAX_UPLOAD_MB * 1024 * 1024,
      allowedInputExtensions: values.ALLOWED_INPUT_EXTENSIONS,
    },
    corsOrigins: values.CORS_ORIGINS,
    businessTimezone: values.BUSINESS_TIMEZONE,
    clientDistPath: resolveFromRoot(values.CLIENT_DIST_PATH ?? 'client/dist'),
    runStaleAfterSeconds: values.RUN_STALE_AFTER_SECONDS,
    trustProxy: values.TRUST_PROXY,
    runSchedule: values.RUN_SCHEDULE
      ? {
          cron: values.RUN_SCHEDULE,
          folderTemplate: values.RUN_SCHEDULE_FOLDER,
          teamName: values.RUN_SCHEDULE_TEAM ?? null,
          irrTarget: values.RUN_SCHEDULE_IRR_TARGET,
        }
      : null,
  };
}
