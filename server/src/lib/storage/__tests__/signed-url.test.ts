import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../../errors.js';
import { createSignedToken, signedUrlFor, SIGNED_URL_PREFIX, verifySignedToken } from '../signed-url.js';

const SECRET = 'signing-secret';
const now = Date.UTC(2026, 0, 1);
const inAnHour = now / 1000 + 3600;

describe('signed download tokens', () => {
  it('when a token is fresh and untouched, then it yields its area and path', () => {
    const token = createSignedToken(SECRET, 'outputs', 'run 1/report é.csv', inAnHour);
    expect(verifySignedToken(SECRET, token, now)).toEqual({ area: 'outputs', path: 'run 1/report é.csv' });
  });

  it('when a URL is made, then it is the API path with a token', () => {
    const url = signedUrlFor(SECRET, 'inputs', 'a.csv', 60);
    expect(url.startsWith(SIGNED_URL_PREFIX)).toBe(true);
    expect(verifySignedToken(SECRET, url.slice(SIGNED_URL_PREFIX.length))).toEqual({ area: 'inputs', path: 'a.csv' });
  });

  it('when the token has expired, then it is refused', () => {
    const token = createSignedToken(SECRET, 'outputs', 'a.csv', now / 1000);
    expect(() => verifySignedToken(SECRET, token, now)).toThrow(/expired/);
  });

  it('when the payload, signature or secret differ, then it is refused', () => {
    const token = createSignedToken(SECRET, 'outputs', 'a.csv', inAnHour);
    const [payload, signature] = token.split('.') as [string, string];
    const otherPayload = Buffer.from(JSON.stringify({ a: 'outputs', p: 'b.csv', e: inAnHour })).toString('base64url');
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const bad of [
      `${otherPayload}.${signature}`,
      `${payload}.${flipped}`,
      `${payload}.`,
      payload,
      `${token}.extra`,
      '',
      'not-a-token',
    ]) {
      expect(() => verifySignedToken(SECRET, bad, now), bad).toThrow(ForbiddenError);
    }
    expect(() => verifySignedToken('another-secret', token, now)).toThrow(ForbiddenError);
  });

  it('when a correctly signed token carries a hostile path, then it is still refused', () => {
    const token = createSignedToken(SECRET, 'outputs', '../../etc/passwd', inAnHour);
    expect(() => verifySignedToken(SECRET, token, now)).toThrow(ForbiddenError);
  });
});
