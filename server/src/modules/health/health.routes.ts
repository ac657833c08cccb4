import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../lib/db.js';
import { registry } from '../../lib/openapi.js';

const healthSchema = z.object({ status: z.literal('ok'), timestamp: z.string() });
const readinessSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  database: z.enum(['connected', 'disconnected']),
  timestamp: z.string(),
});

registry.registerPath({
  method: 'get',
  path: '/health',
  tags: ['infrastructure'],
  summary: 'Liveness: the process is up',
  responses: { 200: { description: 'Alive', content: { 'application/json': { schema: healthSchema } } } },
});
registry.registerPath({
  method: 'get',
  path: '/health/ready',
  tags: ['infrastructure'],
  summary: 'Readiness: the database answers',
  responses: {
    200: { description: 'Ready', content: { 'application/json': { schema: readinessSchema } } },
    503: { description: 'Database unreachable', content: { 'application/json': { schema: readinessSchema } } },
  },
});

const READINESS_TIMEOUT_MS = 3_000;

async function databaseAnswers(db: Database): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('database ping timed out')), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([db.ping(), timeout]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRouter(db: Database): Router {
  const router = Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', timestamp: new Date().toISOString() });
  });
  router.get('/health/ready', async (req, res) => {
    const connected = await databaseAnswers(db);
    if (!connected) req.log?.warn('readiness check: database unreachable');
    res.status(connected ? 200 : 503).json({
      status: connected ? 'ready' : 'unavailable',
      database: connected ? 'connected' : 'disconnected',
      timestamp: new Date().toISOString(),
    });
  });
  return router;
}
