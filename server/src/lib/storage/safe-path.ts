// The one gate every storage path passes, in the API (request validation) and again in both
// adapters. A path is refused, not repaired, when anything in it could step outside its area:
// `..` segments, absolute or drive-letter paths, backslashes, NUL and other control characters,
// and the same things hidden behind (possibly repeated) percent-encoding. The name itself is used
// as given; decoding is only to look for what an encoded form would turn into somewhere else.
import { isAbsolute, join, relative, sep } from 'node:path';
import { BadRequestError } from '../errors.js';
import { STORAGE_AREAS, type StorageArea } from './storage.types.js';

export const MAX_PATH_LENGTH = 1024;
export const MAX_SEGMENT_BYTES = 255;
const MAX_DECODE_ROUNDS = 5;

export type PathCheck = { ok: true; path: string } | { ok: false; reason: string };

/** Decodes every well-formed %XX byte (ignoring malformed ones, which decodeURIComponent would throw on). */
function decodePercentLeniently(value: string): string {
  return value.replace(/%([0-9a-fA-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function decodedForms(raw: string): string[] {
  const forms = [raw];
  let current = raw;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    const next = decodePercentLeniently(current);
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

const slashCount = (value: string) => value.split('/').length - 1;

function hostileReason(form: string, raw: string): string | null {
  if (form.includes('\\')) return 'backslashes are not allowed';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(form)) return 'control characters are not allowed';
  if (form.startsWith('/')) return 'absolute paths are not allowed';
  if (/^[a-zA-Z]:/.test(form)) return 'drive-letter paths are not allowed';
  if (form.split('/').includes('..')) return '".." segments are not allowed';
  if (form !== raw && slashCount(form) > slashCount(raw)) return 'encoded slashes are not allowed';
  return null;
}

/** Checks and normalises a storage path: relative POSIX, no empty or '.' segments, '' for the root. */
export function checkStoragePath(raw: string): PathCheck {
  if (raw.length > MAX_PATH_LENGTH) return { ok: false, reason: `longer than ${MAX_PATH_LENGTH} characters` };
  for (const form of decodedForms(raw)) {
    const reason = hostileReason(form, raw);
    if (reason) return { ok: false, reason };
  }
  const segments = raw.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_BYTES)) {
    return { ok: false, reason: `a name is longer than ${MAX_SEGMENT_BYTES} bytes` };
  }
  return { ok: true, path: segments.join('/') };
}

/** Like checkStoragePath, but throws BadRequestError for a refused path. */
export function normalizeStoragePath(raw: string): string {
  const result = checkStoragePath(raw);
  if (!result.ok) throw new BadRequestError(`Invalid path: ${result.reason}`);
  return result.path;
}

/** A single file or folder name (an upload's file name): a safe path with exactly one segment. */
export function checkFileName(raw: string): PathCheck {
  const result = checkStoragePath(raw);
  if (!result.ok) return result;
  if (result.path === '') return { ok: false, reason: 'the name is empty' };
  if (result.path !== raw || result.path.includes('/'))
    return { ok: false, reason: 'a file name may not contain folders' };
  return result;
}

export function isStorageArea(value: unknown): value is StorageArea {
  return typeof value === 'string' && (STORAGE_AREAS as readonly string[]).includes(value);
}

export function assertStorageArea(value: unknown): StorageArea {
  if (!isStorageArea(value)) throw new BadRequestError(`Unknown storage area; use one of ${STORAGE_AREAS.join(', ')}`);
  return value;
}

/** True when `candidate` is `root` or inside it (both absolute, already resolved). */
export function isWithin(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * Joins a normalised storage path onto an absolute directory, re-checking the result lexically.
 * (The local adapter additionally resolves symlinks; see local-storage.ts.)
 */
export function safeJoin(root: string, rawPath: string): string {
  const path = normalizeStoragePath(rawPath);
  const joined = path === '' ? root : join(root, ...path.split('/'));
  if (!isWithin(root, joined)) throw new BadRequestError('Invalid path: outside the storage area');
  return joined;
}

/** The last segment of a normalised path ('' for the root). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** The parent of a normalised path ('' for top-level entries and the root). */
export function parentPath(path: string): string {
  const index = path.lastIndexOf('/');
  return index === -1 ? '' : path.slice(0, index);
}
