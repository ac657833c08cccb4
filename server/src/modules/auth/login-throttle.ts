// Brute-force protection for POST /api/auth/login: a cap per client IP on all attempts, and a
// tighter cap per username on failed attempts only. Counters live in this process's memory
// (one app instance per container; behind several instances each keeps its own).
import type { Request, RequestHandler } from 'express';
import { rateLimit, type Options } from 'express-rate-limit';
import type { AppConfig } from '../../lib/config.js';
import { TooManyRequestsError } from '../../lib/errors.js';

function retryAfterSeconds(req: Request, windowMs: number): number {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  return resetTime ? (resetTime.getTime() - Date.now()) / 1000 : windowMs / 1000;
}

export function loginThrottle(auth: AppConfig['auth']): RequestHandler[] {
  const windowMs = auth.loginWindowMinutes * 60_000;
  const common: Partial<Options> = { windowMs, standardHeaders: 'draft-7', legacyHeaders: false };
  const perIp = rateLimit({
    ...common,
    limit: auth.loginMaxAttemptsPerIp,
    handler: (req, _res, next) =>
      next(
        new TooManyRequestsError(
          'Too many sign-in attempts from this address; try again later',
          retryAfterSeconds(req, windowMs),
        ),
      ),
  });
  const perUsername = rateLimit({
    ...common,
    limit: auth.loginMaxFailures,
    skipSuccessfulRequests: true,
    keyGenerator: (req) =>
      `username:${String((req.body as { username?: unknown } | undefined)?.username ?? '')
        .trim()
        .toLowerCase()}`,
    handler: (req, _res, next) =>
      next(
        new TooManyRequestsError(
          'Too many failed sign-in attempts for this user; try again later',
          retryAfterSeconds(req, windowMs),
        ),
      ),
  });
  return [perIp, perUsername];
}
