// Bearer tokens: HS256 (or the configured HS* algorithm) JWTs. The algorithm is pinned on verify,
// so `alg: none` and algorithm switching are refused; only a user id travels in the token — the
// user is re-read on every request.
import jwt from 'jsonwebtoken';
import type { AppConfig } from '../../lib/config.js';
import { UnauthorizedError } from '../../lib/errors.js';

const TOKEN_TYPE = 'access';

/**
 * `passwordStamp` is the user's password-change time in ms (0 if never changed), carried in the
 * token: when the password changes, every token issued before no longer matches and is refused.
 */
export interface TokenService {
  issue(userId: number, passwordStamp: number): { token: string; expiresInSeconds: number };
  verify(token: string): { userId: number; passwordStamp: number };
}

export function createTokenService(auth: AppConfig['auth'], appName: string): TokenService {
  const expiresInSeconds = auth.accessTokenExpireMinutes * 60;
  return {
    issue(userId, passwordStamp) {
      const token = jwt.sign({ typ: TOKEN_TYPE, pwd: passwordStamp }, auth.secretKey, {
        algorithm: auth.jwtAlgorithm,
        subject: String(userId),
        expiresIn: expiresInSeconds,
        issuer: appName,
      });
      return { token, expiresInSeconds };
    },
    verify(token) {
      let payload: jwt.JwtPayload | string;
      try {
        payload = jwt.verify(token, auth.secretKey, { algorithms: [auth.jwtAlgorithm], issuer: appName });
      } catch (error) {
        const expired = error instanceof jwt.TokenExpiredError;
        throw new UnauthorizedError(expired ? 'Token has expired; sign in again' : 'Could not validate credentials');
      }
      const userId = typeof payload === 'object' && payload.typ === TOKEN_TYPE ? Number(payload.sub) : NaN;
      if (!Number.isSafeInteger(userId) || userId <= 0) throw new UnauthorizedError();
      const passwordStamp = typeof payload === 'object' && typeof payload.pwd === 'number' ? payload.pwd : -1;
      return { userId, passwordStamp };
    },
  };
}
