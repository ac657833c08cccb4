// Everything under /api: one line per feature module.
import { Router } from 'express';
import type { AppContext } from './app.js';
import { createAuthMiddleware } from './modules/auth/auth.middleware.js';
import { authRouter } from './modules/auth/auth.routes.js';
import { usersRouter } from './modules/users/users.routes.js';
import { salesTeamsRouter } from './modules/sales-teams/sales-teams.routes.js';
import { auditRouter } from './modules/audit/audit.routes.js';
import { configRouter } from './modules/config/config.routes.js';
import { rulebookRouter } from './modules/pipeline/rulebook/rulebook.routes.js';
import { runsRouter } from './modules/pipeline/runs/runs.routes.js';
import { loansRouter } from './modules/pipeline/loans/loans.routes.js';
import { filesRouter } from './modules/files/files.routes.js';

export function apiRouter(context: AppContext): Router {
  const auth = createAuthMiddleware(context);
  const router = Router();
  router.use('/auth', authRouter(context, auth));
  router.use('/auth', usersRouter(context, auth));
  router.use('/sales-teams', salesTeamsRouter(context, auth));
  router.use('/audit', auditRouter(context, auth));
  router.use('/config/rulebook', rulebookRouter(context, auth));
  router.use('/config', configRouter(context, auth));
  router.use('/files', filesRouter(context, auth));
  router.use(runsRouter(context, auth, () => context.runWorker?.notify()));
  router.use(loansRouter(context, auth));
  return router;
}
