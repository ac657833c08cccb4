import { pino, type Logger } from 'pino';

/** Paths that must never be written to a log line, whatever their depth in the object. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.hashed_password',
  '*.hashedPassword',
  '*.access_token',
  '*.secretKey',
  '*.secret_key',
  '*.token',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    { level, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, base: { service: 'loan-engine' } },
    destination,
  );
}

export type { Logger };
