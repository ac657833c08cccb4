import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { bearerAuth, pickErrors, registry } from '../../lib/openapi.js';
import type { AuthMiddleware } from '../auth/auth.middleware.js';
import { salesTeamsRepository } from './sales-teams.repository.js';

const salesTeamSchema = registry.register('SalesTeam', z.object({ id: z.number().int(), name: z.string() }));

registry.registerPath({
  method: 'get',
  path: '/api/sales-teams',
  tags: ['reference'],
  summary: 'Sales teams (any signed-in user)',
  security: [{ [bearerAuth.name]: [] }],
  responses: {
    200: { description: 'Sales teams', content: { 'application/json': { schema: z.array(salesTeamSchema) } } },
    ...pickErrors(401),
  },
});

export function salesTeamsRouter(context: AppContext, { authenticate, authorize }: AuthMiddleware): Router {
  const teams = salesTeamsRepository(context.db.prisma);
  const router = Router();
  router.get('/', authenticate, authorize('sales-teams:read'), async (_req, res) => {
    const list = await teams.list();
    res.set('X-Total-Count', String(list.length)).json(list);
  });
  return router;
}
