// Sign-in and token resolution. Wrong username and wrong password are indistinguishable (same
// message, and a bcrypt comparison runs even for an unknown user so timing does not tell).
import { UnauthorizedError } from '../../lib/errors.js';
import { verifyPassword } from '../../lib/passwords.js';
import type { AuditService } from '../audit/audit.service.js';
import type { UserRecord, UsersRepository } from '../users/users.repository.js';
import type { TokenService } from './tokens.js';
import type { AuthUser } from './auth.types.js';

export const INVALID_LOGIN = 'Incorrect username or password';
// A valid bcrypt hash of a random string, compared against when the username does not exist.
const DUMMY_HASH = '$2b$10$cyDJX5Xnn/uqgXkQOCFTget9afXq.i7ZimCm0jaCebekAhmw6kCx2';

export interface RequestMeta {
  ipAddress?: string | null;
  requestId?: string | null;
}

export function toAuthUser(user: UserRecord): AuthUser {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    salesTeamId: user.salesTeamId,
    salesTeamName: user.salesTeamName,
  };
}

export function createAuthService(deps: { users: UsersRepository; tokens: TokenService; audit: AuditService }) {
  const { users, tokens, audit } = deps;
  return {
    /** Checks a username/password pair; records the attempt in the audit log either way. */
    async verifyCredentials(username: string, password: string, meta: RequestMeta): Promise<UserRecord> {
      const credentials = await users.findCredentials({ username });
      const matches = await verifyPassword(password, credentials?.hashedPassword ?? DUMMY_HASH);
      const fail = async (reason: string, message = INVALID_LOGIN) => {
        await audit.record({
          actorId: credentials?.user.id ?? null,
          actorUsername: username,
          action: 'auth.login_failed',
          detail: { reason },
          ...meta,
        });
        return new UnauthorizedError(message);
      };
      if (!credentials) throw await fail('unknown_user');
      if (!matches) throw await fail('wrong_password');
      if (!credentials.user.isActive) throw await fail('inactive', 'This account is deactivated; ask an administrator');
      await audit.record({ actorId: credentials.user.id, actorUsername: username, action: 'auth.login', ...meta });
      return credentials.user;
    },

    issueToken(user: UserRecord) {
      return tokens.issue(user.id, user.passwordChangedAt?.getTime() ?? 0);
    },

    /** Resolves a bearer token to the current user, re-read now: deactivation and role changes apply at once. */
    async authenticateToken(token: string): Promise<AuthUser> {
      const { userId, passwordStamp } = tokens.verify(token);
      const user = await users.findById(userId);
      if (!user || !user.isActive) throw new UnauthorizedError();
      // A password change (by the user or an admin) retires every token issued before it.
      if (passwordStamp !== (user.passwordChangedAt?.getTime() ?? 0)) {
        throw new UnauthorizedError('The password was changed; sign in again');
      }
      return toAuthUser(user);
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
