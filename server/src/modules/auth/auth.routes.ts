import { Router } from 'express';
import { Passport } from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import type { AppContext } from '../../app.js';
import { UnauthorizedError } from '../../lib/errors.js';
import { registry, bearerAuth, pickErrors } from '../../lib/openapi.js';
import { validate } from '../../lib/http/validate.js';
import { toUserResponse } from '../users/users.mapper.js';
import type { UserRecord } from '../users/users.repository.js';
import { userResponseSchema } from '../users/users.schemas.js';
import type { AuthMiddleware } from './auth.middleware.js';
import { loginBody, loginSchema, tokenResponseSchema } from './auth.schemas.js';
import { loginThrottle } from './login-throttle.js';

const secured = [{ [bearerAuth.name]: [] }];

registry.registerPath({
  method: 'post',
  path: '/api/auth/login',
  tags: ['authentication'],
  summary: 'Sign in: OAuth2 password form or JSON; answers a bearer token',
  request: {
    body: {
      content: {
        'application/x-www-form-urlencoded': { schema: loginBody },
        'application/json': { schema: loginBody },
      },
    },
  },
  responses: {
    200: { description: 'Signed in', content: { 'application/json': { schema: tokenResponseSchema } } },
    ...pickErrors(401, 422, 429),
  },
});
registry.registerPath({
  method: 'get',
  path: '/api/auth/me',
  tags: ['authentication'],
  summary: 'The signed-in user',
  security: secured,
  responses: {
    200: { description: 'Current user', content: { 'application/json': { schema: userResponseSchema } } },
    ...pickErrors(401),
  },
});

export function authRouter(context: AppContext, auth: AuthMiddleware): Router {
  const passport = new Passport();
  passport.use(
    new LocalStrategy({ session: false, passReqToCallback: true }, (req, username, password, done) => {
      auth.authService
        .verifyCredentials(username, password, { ipAddress: req.ip, requestId: String(req.id) })
        .then((user) => done(null, user), done);
    }),
  );

  const router = Router();
  router.post('/login', ...loginThrottle(context.config.auth), validate(loginSchema), (req, res, next) => {
    passport.authenticate('local', { session: false }, (error: unknown, user: UserRecord | false) => {
      if (error) return next(error);
      if (!user) return next(new UnauthorizedError('Incorrect username or password'));
      const { token, expiresInSeconds } = auth.authService.issueToken(user);
      res.set('Cache-Control', 'no-store').json({
        access_token: token,
        token_type: 'bearer',
        expires_in: expiresInSeconds,
        user: toUserResponse(user),
      });
    })(req, res, next);
  });
  return router;
}
