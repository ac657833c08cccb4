// /api/auth: the signed-in user (me, change-password) and user management (admin).
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { NotFoundError } from '../../lib/errors.js';
import { bearerAuth, pickErrors, registry } from '../../lib/openapi.js';
import { bcryptRounds } from '../../lib/passwords.js';
import { input, validate } from '../../lib/http/validate.js';
import { createAuditService } from '../audit/audit.service.js';
import type { AuthMiddleware } from '../auth/auth.middleware.js';
import { salesTeamsRepository } from '../sales-teams/sales-teams.repository.js';
import { toUserResponse } from './users.mapper.js';
import { usersRepository } from './users.repository.js';
import {
  changePasswordBody,
  changePasswordSchema,
  listUsersQuery,
  listUsersSchema,
  registerUserBody,
  registerUserSchema,
  updateUserBody,
  updateUserSchema,
  userResponseSchema,
} from './users.schemas.js';
import { createUsersService, type Actor } from './users.service.js';

const secured = [{ [bearerAuth.name]: [] }];
const passwordChangedSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('bearer'),
  expires_in: z.number().int(),
});
const userJson = { 'application/json': { schema: userResponseSchema } };

registry.registerPath({
  method: 'post',
  path: '/api/auth/change-password',
  tags: ['authentication'],
  summary: "Change the signed-in user's own password (needs the current one)",
  security: secured,
  request: { body: { content: { 'application/json': { schema: changePasswordBody } } } },
  responses: {
    200: {
      description: 'Password changed; every earlier token stops working, so a fresh one comes back',
      content: { 'application/json': { schema: passwordChangedSchema } },
    },
    ...pickErrors(401, 422),
  },
});
registry.registerPath({
  method: 'post',
  path: '/api/auth/register',
  tags: ['users'],
  summary: 'Create a user (admin)',
  security: secured,
  request: { body: { content: { 'application/json': { schema: registerUserBody } } } },
  responses: { 201: { description: 'Created', content: userJson }, ...pickErrors(401, 403, 409, 422) },
});
registry.registerPath({
  method: 'get',
  path: '/api/auth/users',
  tags: ['users'],
  summary: 'List users (admin); total in X-Total-Count',
  security: secured,
  request: { query: listUsersQuery },
  responses: {
    200: { description: 'Users', content: { 'application/json': { schema: z.array(userResponseSchema) } } },
    ...pickErrors(401, 403, 422),
  },
});
registry.registerPath({
  method: 'put',
  path: '/api/auth/users/{user_id}',
  tags: ['users'],
  summary: 'Update a user (admin): any subset of fields, including password and is_active',
  security: secured,
  request: {
    params: z.object({ user_id: z.number().int() }),
    body: { content: { 'application/json': { schema: updateUserBody } } },
  },
  responses: { 200: { description: 'Updated', content: userJson }, ...pickErrors(401, 403, 404, 409, 422) },
});

function actorOf(req: Request): Actor {
  const user = req.user!;
  return { id: user.id, username: user.username, ipAddress: req.ip, requestId: String(req.id) };
}

export function usersRouter(context: AppContext, auth: AuthMiddleware): Router {
  const users = usersRepository(context.db.prisma);
  const service = createUsersService({
    users,
    salesTeams: salesTeamsRepository(context.db.prisma),
    audit: createAuditService(context),
    bcryptRounds: bcryptRounds(context.config.environment),
  });
  const { authenticate, authorize } = auth;
  const router = Router();

  router.get('/me', authenticate, async (req, res) => {
    const me = await users.findById(req.user!.id);
    if (!me) throw new NotFoundError('User not found');
    res.json(toUserResponse(me));
  });

  router.post('/change-password', authenticate, validate(changePasswordSchema), async (req, res) => {
    const { body } = input(req, changePasswordSchema);
    const user = await service.changeOwnPassword(actorOf(req), body.current_password, body.new_password);
    const { token, expiresInSeconds } = auth.authService.issueToken(user);
    res
      .set('Cache-Control', 'no-store')
      .json({ access_token: token, token_type: 'bearer', expires_in: expiresInSeconds });
  });

  router.post('/register', authenticate, authorize('users:manage'), validate(registerUserSchema), async (req, res) => {
    const user = await service.register(input(req, registerUserSchema).body, actorOf(req));
    res.status(201).json(toUserResponse(user));
  });

  router.get('/users', authenticate, authorize('users:manage'), validate(listUsersSchema), async (req, res) => {
    const { items, total } = await service.list(input(req, listUsersSchema).query);
    res.set('X-Total-Count', String(total)).json(items.map(toUserResponse));
  });

  router.put(
    '/users/:user_id',
    authenticate,
    authorize('users:manage'),
    validate(updateUserSchema),
    async (req, res) => {
      const { params, body } = input(req, updateUserSchema);
      res.json(toUserResponse(await service.update(params.user_id, body, actorOf(req))));
    },
  );

  return router;
}
