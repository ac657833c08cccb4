// authenticate: resolves `Authorization: Bearer <jwt>` to req.user (401 otherwise).
// authorize(permission): 403 unless the user's role has the permission in the one permission map.
import type { RequestHandler } from 'express';
import type { AppContext } from '../../app.js';
import { ForbiddenError, UnauthorizedError } from '../../lib/errors.js';
import { createAuditService } from '../audit/audit.service.js';
import { usersRepository } from '../users/users.repository.js';
import { createAuthService, type AuthService } from './auth.service.js';
import { roleHas, type Permission } from './permissions.js';
import { createTokenService } from './tokens.js';

export interface AuthMiddleware {
  authenticate: RequestHandler;
  authorize(permission: Permission): RequestHandler;
  authService: AuthService;
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

export function createAuthMiddleware(context: AppContext): AuthMiddleware {
  const authService = createAuthService({
    users: usersRepository(context.db.prisma),
    tokens: createTokenService(context.config.auth, context.config.appName),
    audit: createAuditService(context),
  });
  return {
    authService,
    authenticate: async (req, _res, next) => {
      const token = bearerToken(req.headers.authorization);
      if (!token) throw new UnauthorizedError('Not authenticated');
      req.user = await authService.authenticateToken(token);
      next();
    },
    authorize: (permission) => (req, _res, next) => {
      if (!req.user) throw new UnauthorizedError('Not authenticated');
      if (!roleHas(req.user.role, permission)) throw new ForbiddenError();
      next();
    },
  };
}
