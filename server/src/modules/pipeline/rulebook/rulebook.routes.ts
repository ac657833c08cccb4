import { Router } from 'express';
import { z } from 'zod';
import { paging, queryId } from '../../../lib/http/common-schemas.js';
import type { AppContext } from '../../../app.js';
import { NotFoundError } from '../../../lib/errors.js';
import { bearerAuth, pickErrors, registry } from '../../../lib/openapi.js';
import { input, validate } from '../../../lib/http/validate.js';
import { createAuditService } from '../../audit/audit.service.js';
import type { AuthMiddleware } from '../../auth/auth.middleware.js';
import { rulebookSchema } from '../engine/rulebook.schema.js';
import { rulebooksRepository } from './rulebooks.repository.js';
import { createRulebookService, type ActiveRulebook } from './rulebook.service.js';

const secured = [{ [bearerAuth.name]: [] }];

const rulebookResponse = registry.register(
  'RulebookVersion',
  z.object({
    version: z.number().int(),
    name: z.string(),
    comment: z.string().nullable(),
    created_at: z.string(),
    created_by: z.object({ id: z.number().int(), username: z.string() }).nullable(),
    rulebook: z.record(z.string(), z.unknown()),
  }),
);

const putRulebookSchema = z.object({
  query: z.object({ comment: z.string().trim().max(500).optional() }),
  body: z.unknown(),
});
const historySchema = z.object({
  query: z.object({
    ...paging,
  }),
});
const versionSchema = z.object({ params: z.object({ version: queryId }) });

registry.registerPath({
  method: 'get',
  path: '/api/config/rulebook',
  tags: ['config'],
  summary: 'The current eligibility rulebook (any signed-in user)',
  security: secured,
  responses: {
    200: { description: 'Current version', content: { 'application/json': { schema: rulebookResponse } } },
    ...pickErrors(401),
  },
});
registry.registerPath({
  method: 'put',
  path: '/api/config/rulebook',
  tags: ['config'],
  summary: 'Save an edited rulebook as a new version (admin). `version` must be the version you edited.',
  security: secured,
  request: {
    query: putRulebookSchema.shape.query,
    body: { content: { 'application/json': { schema: rulebookSchema } } },
  },
  responses: {
    200: { description: 'Saved as the next version', content: { 'application/json': { schema: rulebookResponse } } },
    ...pickErrors(401, 403, 409, 422),
  },
});
registry.registerPath({
  method: 'get',
  path: '/api/config/rulebook/history',
  tags: ['config'],
  summary: 'Every rulebook version with who saved it and when; total in X-Total-Count',
  security: secured,
  request: { query: historySchema.shape.query },
  responses: { 200: { description: 'Versions, newest first' }, ...pickErrors(401) },
});
registry.registerPath({
  method: 'get',
  path: '/api/config/rulebook/versions/{version}',
  tags: ['config'],
  summary: 'One past rulebook version (explains a past run)',
  security: secured,
  request: { params: z.object({ version: z.number().int() }) },
  responses: {
    200: { description: 'That version', content: { 'application/json': { schema: rulebookResponse } } },
    ...pickErrors(401, 404),
  },
});

function toResponse({ record, rulebook }: ActiveRulebook) {
  return {
    version: record.version,
    name: record.name,
    comment: record.comment,
    created_at: record.createdAt.toISOString(),
    created_by: record.createdBy,
    rulebook,
  };
}

export function rulebookRouter(context: AppContext, { authenticate, authorize }: AuthMiddleware): Router {
  const service = createRulebookService({
    rulebooks: rulebooksRepository(context.db.prisma),
    audit: createAuditService(context),
  });
  const router = Router();

  router.get('/', authenticate, authorize('rulebook:read'), async (_req, res) => {
    res.json(toResponse(await service.current()));
  });

  router.put('/', authenticate, authorize('rulebook:edit'), validate(putRulebookSchema), async (req, res) => {
    const { query, body } = input(req, putRulebookSchema);
    res.json(toResponse(await service.update(body, req.user!, query.comment ?? null)));
  });

  router.get('/history', authenticate, authorize('rulebook:read'), validate(historySchema), async (req, res) => {
    const { query } = input(req, historySchema);
    await service.ensureDefault();
    const { items, total } = await service.history(query.skip, query.limit);
    res.set('X-Total-Count', String(total)).json(
      items.map((item) => ({
        version: item.version,
        name: item.name,
        comment: item.comment,
        created_at: item.createdAt.toISOString(),
        created_by: item.createdBy,
      })),
    );
  });

  router.get(
    '/versions/:version',
    authenticate,
    authorize('rulebook:read'),
    validate(versionSchema),
    async (req, res) => {
      const found = await service.version(input(req, versionSchema).params.version);
      if (!found) throw new NotFoundError('No such rulebook version');
      res.json(toResponse(found));
    },
  );

  return router;
}
