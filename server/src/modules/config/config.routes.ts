import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../../app.js';
import { bearerAuth, pickErrors, registry } from '../../lib/openapi.js';
import type { AuthMiddleware } from '../auth/auth.middleware.js';
import { DEFAULT_IRR_TARGET } from '../pipeline/runs/runs.schemas.js';

const configResponse = registry.register(
  'PublicConfig',
  z.object({
    app_name: z.string(),
    environment: z.string(),
    storage_type: z.enum(['local', 's3']),
    database_provider: z.enum(['sqlite', 'postgresql']),
    max_upload_mb: z.number(),
    allowed_input_extensions: z.array(z.string()),
    business_timezone: z.string(),
    default_irr_target: z.number(),
  }),
);

registry.registerPath({
  method: 'get',
  path: '/api/config',
  tags: ['config'],
  summary: 'Non-secret settings the app and its users need (never credentials)',
  security: [{ [bearerAuth.name]: [] }],
  responses: {
    200: { description: 'Settings', content: { 'application/json': { schema: configResponse } } },
    ...pickErrors(401),
  },
});

export function configRouter(context: AppContext, { authenticate, authorize }: AuthMiddleware): Router {
  const { config } = context;
  const router = Router();
  router.get('/', authenticate, authorize('config:read'), (_req, res) => {
    res.json({
      app_name: config.appName,
      environment: config.environment,
      storage_type: config.storage.type,
      database_provider: config.database.provider,
      max_upload_mb: Math.round(config.storage.maxUploadBytes / (1024 * 1024)),
      allowed_input_extensions: config.storage.allowedInputExtensions,
      business_timezone: config.businessTimezone,
      default_irr_target: DEFAULT_IRR_TARGET,
    });
  });
  return router;
}
