// Serves the built browser app (client/dist) when it exists: static assets, and index.html for
// `/` and for client-side routes. Without a build, `/` answers the API's welcome JSON.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

const API_PREFIXES = ['/api', '/docs', '/openapi.json', '/health'];

export function clientAppRouter(distPath: string): Router {
  const router = Router();
  const indexFile = join(distPath, 'index.html');
  if (!existsSync(indexFile)) {
    router.get('/', (_req, res) => {
      res.json({ message: 'Loan Engine API', docs: '/docs' });
    });
    return router;
  }
  router.use(express.static(distPath, { index: false, maxAge: '1h' }));
  router.get(/.*/, (req, res, next) => {
    if (API_PREFIXES.some((prefix) => req.path === prefix || req.path.startsWith(`${prefix}/`))) return next();
    if (!req.accepts('html')) return next();
    res.sendFile(indexFile, { headers: { 'Cache-Control': 'no-cache' } });
  });
  return router;
}
