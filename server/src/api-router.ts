// Everything under /api: one line per feature module.
import { Router } from 'express';
import type { AppContext } from './app.js';
import { createAuthMiddleware } from './modules/auth/auth.middleware.js';
import { authRouter } from './modules/auth/auth.routes.js';
import { usersRouter } from './modules/users/users.routes.js';
import { salesTeamsRouter } from './modules/sales-teams/sales-teams.routes.js';
import { auditRouter } from './modules/audit/audit.routes.js';

export function apiRouter(context: AppContext): Router {
  const auth = createAuthMiddleware(context);
  const router = Router();
  router.use('/auth', authRouter(context, auth));
  router.use('/auth', usersRouter(context, auth));
  router.use('/sales-teams', salesTeamsRouter(context, auth));
  router.use('/audit', auditRouter(context, auth));
  return router;
}
