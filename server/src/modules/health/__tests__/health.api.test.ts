import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../../app.js';
import { loadConfig } from '../../../lib/config.js';
import { connectDatabase } from '../../../lib/db.js';
import { createLogger } from '../../../lib/logger.js';
import { describeEachDatabase } from '../../../../test/databases.js';
import { testEnv, useTestApp } from '../../../../test/test-app.js';

describeEachDatabase('infrastructure endpoints', (provider) => {
  const ctx = useTestApp(provider);

  it('when /health is called, then it answers ok with an ISO timestamp', async () => {
    const res = await request(ctx.app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(new Date(res.body.timestamp).toISOString()).toBe(res.body.timestamp);
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when the database answers, then /health/ready is 200 with database connected', async () => {
    const res = await request(ctx.app).get('/health/ready');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', database: 'connected' });
  });

  it('when there is no client build, then / answers the API welcome', async () => {
    const res = await request(ctx.app).get('/');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Loan Engine API', docs: '/docs' });
  });

  it('when /openapi.json is fetched, then it is an OpenAPI 3.1 document with the infrastructure paths', async () => {
    const res = await request(ctx.app).get('/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/ready']));
    expect(res.body.components.securitySchemes.OAuth2PasswordBearer.flows.password.tokenUrl).toBe('/api/auth/login');
  });

  it('when /docs is opened, then Swagger UI and every asset it needs come from this server (no CDN)', async () => {
    const page = await request(ctx.app).get('/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui');
    const assets = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThan(2);
    for (const asset of assets) {
      expect(asset).not.toMatch(/^(https?:)?\/\//);
      const res = await request(ctx.app).get(new URL(asset, 'http://x/docs/').pathname);
      expect(res.status, asset).toBe(200);
    }
    const init = await request(ctx.app).get('/docs/swagger-ui-init.js');
    expect(init.text).toContain('/openapi.json');
  });

  it('when a caller sends a well-formed X-Request-Id, then it is echoed back', async () => {
    const res = await request(ctx.app).get('/health').set('X-Request-Id', 'trace-abc-12345');
    expect(res.headers['x-request-id']).toBe('trace-abc-12345');
    const hostile = await request(ctx.app).get('/health').set('X-Request-Id', '<script>');
    expect(hostile.headers['x-request-id']).not.toBe('<script>');
  });
});

describe('readiness when the database is down', () => {
  it('when PostgreSQL refuses connections, then /health/ready is 503 with database disconnected', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'le-down-'));
    const config = loadConfig(testEnv('postgresql://postgres@127.0.0.1:1/unreachable', storage));
    const db = await connectDatabase(config.database);
    try {
      const app = createApp({ config, db, logger: createLogger('silent') } as Parameters<typeof createApp>[0]);
      const res = await request(app).get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'unavailable', database: 'disconnected' });
      expect((await request(app).get('/health')).status).toBe(200);
    } finally {
      await db.disconnect().catch(() => undefined);
      rmSync(storage, { recursive: true, force: true });
    }
  });
});

describe('serving the built client', () => {
  it('when client/dist exists, then / and client routes serve index.html while /api stays JSON', async () => {
    const storage = mkdtempSync(join(tmpdir(), 'le-spa-'));
    const dist = join(storage, 'dist');
    mkdirSync(join(dist, 'assets'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
    const config = loadConfig(testEnv('file::memory:', storage, { CLIENT_DIST_PATH: dist }));
    const app = createApp({
      config,
      db: { ping: async () => undefined } as never,
      logger: createLogger('silent'),
    } as never);
    try {
      const root = await request(app).get('/').set('Accept', 'text/html');
      expect(root.text).toContain('<div id="root">');
      expect((await request(app).get('/runs/123').set('Accept', 'text/html')).text).toContain('<div id="root">');
      expect((await request(app).get('/assets/app.js')).text).toBe('console.log(1)');
      const api = await request(app).get('/api/nothing-here').set('Accept', 'text/html');
      expect(api.status).toBe(404);
      expect(api.body).toEqual({ detail: 'No route for GET /api/nothing-here' });
    } finally {
      rmSync(storage, { recursive: true, force: true });
    }
  });
});
