// Everything under /api: one line per feature module.
import { Router } from 'express';
import type { AppContext } from './app.js';

export function apiRouter(context: AppContext): Router {
  const router = Router();
  void context;
  return router;
}
