import { Router } from 'express';
import { z } from 'zod';
import { paging, queryId } from '../../lib/http/common-schemas.js';
import type { AppContext } from '../../app.js';
import { bearerAuth, pickErrors, registry } from '../../lib/openapi.js';
import { input, validate } from '../../lib/http/validate.js';
import type { AuthMiddleware } from '../auth/auth.middleware.js';
import { createAuditService } from './audit.service.js';

const listAuditQuery = z.object({
  ...paging,
  action: z.string().max(100).optional(),
  actor_id: queryId.optional(),
});
const listAuditSchema = z.object({ query: listAuditQuery });

const auditEntrySchema = registry.register(
  'AuditEntry',
  z.object({
    id: z.number().int(),
    created_at: z.string(),
    actor_id: z.number().int().nullable(),
    actor_username: z.string().nullable(),
    action: z.string(),
    target: z.string().nullable(),
    detail: z.unknown(),
    ip_address: z.string().nullable(),
    request_id: z.string().nullable(),
  }),
);

registry.registerPath({
  method: 'get',
  path: '/api/audit',
  tags: ['audit'],
  summary: 'The audit log, newest first (admin); total in X-Total-Count',
  security: [{ [bearerAuth.name]: [] }],
  request: { query: listAuditQuery },
  responses: {
    200: { description: 'Audit entries', content: { 'application/json': { schema: z.array(auditEntrySchema) } } },
    ...pickErrors(401, 403, 422),
  },
});

export function auditRouter(context: AppContext, { authenticate, authorize }: AuthMiddleware): Router {
  const audit = createAuditService(context);
  const router = Router();
  router.get('/', authenticate, authorize('audit:read'), validate(listAuditSchema), async (req, res) => {
    const { query } = input(req, listAuditSchema);
    const { items, total } = await audit.list({
      action: query.action,
      actorId: query.actor_id,
      skip: query.skip,
      limit: query.limit,
    });
    res.set('X-Total-Count', String(total)).json(
      items.map((entry) => ({
        id: entry.id,
        created_at: entry.createdAt.toISOString(),
        actor_id: entry.actorId,
        actor_username: entry.actorUsername,
        action: entry.action,
        target: entry.target,
        detail: entry.detail,
        ip_address: entry.ipAddress,
        request_id: entry.requestId,
      })),
    );
  });
  return router;
}
