// Signed, short-lived download links for local storage (S3 uses its own presigned URLs).
// token = base64url(JSON {a: area, p: path, e: expiry epoch seconds}) "." base64url(HMAC-SHA256).
// The HMAC key is SECRET_KEY with a purpose label, so a link can never pass for a login token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { ForbiddenError } from '../errors.js';
import { checkStoragePath } from './safe-path.js';
import { STORAGE_AREAS, type StorageArea } from './storage.types.js';

export const SIGNED_URL_PREFIX = '/api/files/signed/';
const PURPOSE = 'loan-engine:files:signed-url:v1';

const payloadSchema = z.object({ a: z.enum(STORAGE_AREAS), p: z.string(), e: z.number().int() });

function sign(secret: string, payload: string): Buffer {
  return createHmac('sha256', secret).update(`${PURPOSE}.${payload}`).digest();
}

export function createSignedToken(secret: string, area: StorageArea, path: string, expiresAtSeconds: number): string {
  const payload = Buffer.from(JSON.stringify({ a: area, p: path, e: expiresAtSeconds })).toString('base64url');
  return `${payload}.${sign(secret, payload).toString('base64url')}`;
}

export function signedUrlFor(secret: string, area: StorageArea, path: string, expiresInSeconds: number): string {
  const expiresAt = Math.floor(Date.now() / 1000) + expiresInSeconds;
  return `${SIGNED_URL_PREFIX}${createSignedToken(secret, area, path, expiresAt)}`;
}

/** The area and path a token grants, or ForbiddenError when it is malformed, tampered with or expired. */
export function verifySignedToken(
  secret: string,
  token: string,
  nowMs = Date.now(),
): { area: StorageArea; path: string } {
  const invalid = new ForbiddenError('This download link is invalid');
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw invalid;
  const expected = sign(secret, payload);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw invalid;
  }
  const parsed = payloadSchema.safeParse(decoded);
  if (!parsed.success) throw invalid;
  if (parsed.data.e * 1000 <= nowMs) throw new ForbiddenError('This download link has expired');
  const path = checkStoragePath(parsed.data.p);
  if (!path.ok || path.path !== parsed.data.p) throw invalid;
  return { area: parsed.data.a, path: path.path };
}
