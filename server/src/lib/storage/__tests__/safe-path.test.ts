import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../../errors.js';
import { checkFileName, checkStoragePath, isWithin, normalizeStoragePath, safeJoin } from '../safe-path.js';

describe('normalizeStoragePath', () => {
  it.each([
    ['', ''],
    ['/', null],
    ['a', 'a'],
    ['a/b/c.csv', 'a/b/c.csv'],
    ['a//b/', 'a/b'],
    ['./a/./b', 'a/b'],
    ['Team A/report é.csv', 'Team A/report é.csv'],
    ['50%.csv', '50%.csv'],
    ['a..b/..c', 'a..b/..c'],
    ['...', '...'],
  ])('when given %j, then it answers %j', (raw, expected) => {
    const result = checkStoragePath(raw);
    if (expected === null) expect(result.ok).toBe(false);
    else expect(result).toEqual({ ok: true, path: expected });
  });

  it.each([
    '..',
    '../x',
    'a/../../x',
    'a/..',
    '/etc/passwd',
    '//server/share',
    'C:/Windows',
    'c:x',
    'a\\b',
    '..\\x',
    'a\0b',
    'a\nb',
    'a\u007fb',
    '%2e%2e/x',
    '%2E%2E%2Fx',
    '..%2fx',
    '..%2Fx',
    'a%2fb',
    '%5c',
    'x%00.csv',
    '%252e%252e/x',
    '%25252e%25252e%25252fx',
    '%2fetc%2fpasswd',
    'x'.repeat(256),
    'a/'.repeat(600),
  ])('when given the hostile path %j, then it is refused', (raw) => {
    expect(checkStoragePath(raw).ok).toBe(false);
    expect(() => normalizeStoragePath(raw)).toThrow(BadRequestError);
  });
});

describe('checkFileName', () => {
  it('when the name is one plain segment, then it passes unchanged', () => {
    expect(checkFileName('tape 2024.csv')).toEqual({ ok: true, path: 'tape 2024.csv' });
  });

  it.each(['', '.', '../x.csv', 'dir/x.csv', 'x.csv/', '..', 'a\\b.csv', '..%2fx.csv'])(
    'when the name is %j, then it is refused',
    (raw) => {
      expect(checkFileName(raw).ok).toBe(false);
    },
  );
});

describe('safeJoin and isWithin', () => {
  it('when a path is safe, then it lands inside the root', () => {
    expect(safeJoin('/srv/storage/inputs', 'a/b.csv')).toBe('/srv/storage/inputs/a/b.csv');
    expect(safeJoin('/srv/storage/inputs', '')).toBe('/srv/storage/inputs');
  });

  it('when a path climbs out, then it is refused', () => {
    expect(() => safeJoin('/srv/storage/inputs', '../outputs/x')).toThrow(BadRequestError);
  });

  it('when comparing paths, then siblings with a shared prefix are not inside', () => {
    expect(isWithin('/srv/in', '/srv/in/x')).toBe(true);
    expect(isWithin('/srv/in', '/srv/in')).toBe(true);
    expect(isWithin('/srv/in', '/srv/inputs/x')).toBe(false);
    expect(isWithin('/srv/in', '/srv/in/..foo')).toBe(true);
    expect(isWithin('/srv/in', '/srv')).toBe(false);
  });
});
